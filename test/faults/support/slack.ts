import { sign } from '../../bots/slack/support.js';

/** Slack settings a child server gets, pointed at a fake Web API. */
export const SLACK_SIGNING_SECRET = 'faults-signing-secret-0123456789';
export const SLACK_BOT_TOKEN = 'xoxb-faults-bot-token';
export const SLACK_TEAM = 'T0001';

/** A signed `/chatwork-invite <text>` as Slack sends it (form body + signature headers). */
let commandSeq = 0;

export function signedCommand(
  user: { id: string; name: string },
  text: string,
  opts: { now?: number; responseUrl?: string } = {},
) {
  const body = new URLSearchParams({
    token: 'deprecated',
    team_id: SLACK_TEAM,
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user.id,
    user_name: user.name.toLowerCase(),
    command: '/chatwork-invite',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: opts.responseUrl ?? 'http://127.0.0.1:9/response/none',
    // Unique per command, as Slack's is: two commands in one second are two requests, not a replay.
    trigger_id: `trigger-${user.id}-${++commandSeq}`,
  }).toString();
  const ts = Math.floor((opts.now ?? Date.now()) / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(SLACK_SIGNING_SECRET, ts, body),
    },
  };
}

/**
 * A signed `block_actions` click on a button of a channel message, as Slack sends it. `actionTs` must
 * differ per click (the bot takes a click once per user, action and `action_ts`).
 */
export function signedClick(
  user: { id: string; name: string },
  button: { actionId: string; value: string; actionTs: string },
  opts: { responseUrl: string; now?: number },
) {
  const payload = {
    type: 'block_actions',
    team: { id: SLACK_TEAM, domain: 'acme' },
    user: {
      id: user.id,
      username: user.name.toLowerCase(),
      name: user.name.toLowerCase(),
      team_id: SLACK_TEAM,
    },
    api_app_id: 'A0001',
    token: 'deprecated',
    trigger_id: `trigger-${user.id}-${button.actionTs}`,
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: 'C0GENERAL',
      is_ephemeral: false,
    },
    channel: { id: 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: '1700000000.000100', text: 'invite card' },
    response_url: opts.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.actionId,
        block_id: 'b',
        text: { type: 'plain_text', text: 'Add to contacts' },
        value: button.value,
        action_ts: button.actionTs,
      },
    ],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const ts = Math.floor((opts.now ?? Date.now()) / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(SLACK_SIGNING_SECRET, ts, body),
    },
  };
}

/** Request ids named by the buttons of a posted message (`{"r": "<id>", …}` values). */
export function requestIdsIn(blocks: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const value: unknown = Reflect.get(v, 'value');
      if (typeof value === 'string' && value.startsWith('{')) {
        try {
          const parsed: unknown = JSON.parse(value);
          const r: unknown = parsed && typeof parsed === 'object' ? Reflect.get(parsed, 'r') : undefined;
          if (typeof r === 'string') out.add(r);
        } catch {
          // not one of ours
        }
      }
      for (const x of Object.values(v)) if (typeof x === 'object') walk(x);
    }
  };
  walk(blocks);
  return [...out];
}
