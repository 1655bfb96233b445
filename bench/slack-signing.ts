import { createHmac } from 'node:crypto';

/** Signs a Slack request body the documented way: `v0=` + HMAC-SHA256 of `v0:<ts>:<body>`. */
export function slackHeaders(
  secret: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const ts = String(nowSeconds);
  const sig = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': `v0=${sig}`,
  };
}

/** A `/chatwork-invite` slash command body as Slack sends it. */
export function slashCommandBody(opts: {
  teamId: string;
  userId: string;
  userName: string;
  text: string;
  channelId?: string;
  triggerId?: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: opts.teamId,
    team_domain: 'bench',
    channel_id: opts.channelId ?? 'C0BENCH',
    channel_name: 'general',
    user_id: opts.userId,
    user_name: opts.userName,
    command: '/chatwork-invite',
    text: opts.text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0BENCH/1/abc',
    trigger_id: opts.triggerId ?? '1.2.abc',
  }).toString();
}
