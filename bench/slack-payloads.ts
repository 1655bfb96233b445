/** A `block_actions` body for one button click, as Slack posts it (form field `payload`). */
export function blockActionsBody(o: {
  teamId: string;
  userId: string;
  actionId: string;
  value: string;
  channel: string;
  responseUrl: string;
  /** Unique per click: Slack's `action_ts`, which the bot's retry guard keys on. */
  actionTs: string;
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: o.teamId, domain: 'bench' },
    user: { id: o.userId, username: 'owner', name: 'owner', team_id: o.teamId },
    api_app_id: 'A0BENCH',
    token: 'deprecated',
    trigger_id: '1.2.bench',
    container: {
      type: 'message',
      message_ts: '1800000000.000100',
      channel_id: o.channel,
      is_ephemeral: false,
    },
    channel: { id: o.channel, name: 'directmessage' },
    message: { type: 'message', ts: '1800000000.000100', text: 'card' },
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: o.actionId,
        block_id: 'b',
        text: { type: 'plain_text', text: 'Accept' },
        value: o.value,
        action_ts: o.actionTs,
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
