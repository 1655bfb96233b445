import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/bots/slack/values.js';
import { actionsOf, type Harness, type SlackUserRef, slackHarness, TEAM, textOf } from './support.js';

/** Slack on the command flow: the source of a request and the outcome telemetry counts. */
let h: Harness;
let ann: SlackUserRef;
const seen: string[] = [];

beforeAll(async () => {
  h = await slackHarness({
    telemetry: {
      action: (platform, action, outcome) => seen.push(`${platform} ${action} ${outcome}`),
      apiError: () => {},
      deadLetter: () => {},
    },
  });
  ann = h.user('UANN', 'Ann Lee');
  for (const [id, name] of [
    ['UBOB', 'Bob Stone'],
    ['UCAROL', 'Carol King'],
  ] as const)
    await h.command(h.user(id, name), 'id');
  await h.command(ann, 'help');
});
afterAll(async () => h.close());

describe('/chatwork-invite on the command flow', () => {
  it('a request by link records source "link"; by Chatwork ID "handle"', async () => {
    await h.command(ann, '<https://invite.example.com/bob-stone|invite.example.com/bob-stone>');
    await h.command(ann, 'carol-king');
    const me = await h.store.getAccountByIdentity({ platform: 'slack', teamId: TEAM, userId: 'UANN' });
    const sent = await h.store.listRequests({
      accountId: me!.id,
      direction: 'outgoing',
      now: h.clock.now(),
      limit: 5,
    });
    expect(sent.items.map((r) => r.source).sort()).toEqual(['handle', 'link']);
  });

  it('asking back someone who asked first connects, and settles my own card of their request', async () => {
    await h.command(h.user('UDAN', 'Dan Brown'), '<@UANN> hi');
    h.slack.reset();
    await h.deliver();
    const dm = h.slack.callsTo('chat.postMessage').find((c) => c.channel === 'UANN');
    expect(actionsOf(dm?.blocks).map((a) => a.action_id)).toContain(ACTION.accept);
    const r = await h.command(ann, '<@UDAN>');
    expect(r.text).toBe('You and Dan Brown are now contacts.');
    expect(h.slack.callsTo('chat.update')).toHaveLength(1);
    const update = h.slack.callsTo('chat.update')[0];
    expect(update?.channel).toBe('DUANN'); // the DM Slack answered the post to UANN with
    expect(actionsOf(update?.blocks)).toEqual([]);
    expect(textOf(update?.blocks)).toContain('Request from *Dan Brown*: Accepted');
  });

  it('telemetry counts the real outcome after the command ran: a refused request is not ok', async () => {
    seen.length = 0;
    await h.command(ann, 'ann-lee');
    await h.command(ann, 'carol-king');
    await h.command(ann, 'id set x!');
    expect(seen).toEqual([
      'slack command.request OWN_LINK',
      'slack command.request already_pending',
      'slack command.id_set HANDLE_INVALID',
    ]);
  });
});
