import { afterEach, expect, it } from 'vitest';
import { ACTION, encode } from '../../../src/bots/slack/values.js';
import { PROFILE_RETRY_AFTER_MS } from '../../../src/runtime/profile-cache.js';
import { type Harness, slackHarness } from './support.js';

let h: Harness;
afterEach(async () => h.close());

const form = 'application/x-www-form-urlencoded';
const commandBody = (userId: string, text: string) =>
  new URLSearchParams({
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/chatwork-invite',
    text,
    response_url: 'http://127.0.0.1:9/none',
  }).toString();
/** An App Home click on "hide me from search" by `userId`, as the form body Slack posts. */
const hideMeClick = (userId: string, actionTs: string) => {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'acme' },
    user: { id: userId, team_id: 'T0001', name: userId.slice(1).toLowerCase() },
    container: { type: 'view', view_id: 'V1' },
    trigger_id: 't',
    actions: [
      { type: 'button', action_id: ACTION.searchable, value: encode.searchable(false), action_ts: actionTs },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
};

it('the ack never waits on the Web API: a slow Slack does not delay commands or clicks', async () => {
  h = await slackHarness();
  h.user('UANN', 'Ann');
  h.user('UBOB', 'Bob');
  // Ann has used the app before: only a newcomer's first command waits for their profile (bounded).
  await h.post(commandBody('UANN', 'id'), form);
  await h.bot.drain();
  h.slack.slowDown('users.info', 1500);
  h.slack.slowDown('views.publish', 1500);
  h.slack.slowDown('users.lookupByEmail', 1500);
  for (const text of ['', 'requests', '<@UBOB> hi', 'bob@example.com']) {
    const started = Date.now();
    const res = await h.post(commandBody('UANN', text), form);
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started, text).toBeLessThan(1000);
  }
  const started = Date.now();
  const click = await h.post(hideMeClick('UBOB', '1.2'), form);
  expect(click.statusCode).toBe(200);
  expect(Date.now() - started).toBeLessThan(1000);
  await h.bot.drain();
  expect(h.slack.callsTo('views.publish').length).toBeGreaterThan(0);
});

it('a store outage still gets a short answer: never a 500 or silence', async () => {
  h = await slackHarness();
  h.user('UANN', 'Ann');
  // A real outage: the database is closed under the running server.
  await h.store.close();
  const res = await h.post(commandBody('UANN', 'id'), form);
  expect(res.statusCode).toBe(200);
  const body = JSON.parse(res.body);
  expect(body.response_type).toBe('ephemeral');
  expect(body.text).toBe('Chatwork Invite is temporarily unavailable. Please try again in a minute.');
  expect(res.body).not.toMatch(/database|stack|Error/);
});

it('a failed users.info is not asked again on every request, only after a minute', async () => {
  h = await slackHarness();
  const ann = h.user('UANN', 'Ann');
  h.slack.failNext('users.info', { status: 429, retryAfter: 30 }, 1);
  for (let i = 0; i < 3; i++) await h.command(ann, 'help');
  expect(h.slack.callsTo('users.info')).toHaveLength(1);
  h.clock.advance(PROFILE_RETRY_AFTER_MS);
  await h.command(ann, 'help');
  expect(h.slack.callsTo('users.info')).toHaveLength(2);
});

it('an ack is one answer with its length (not chunked): a card as JSON, a click as an empty 200', async () => {
  h = await slackHarness();
  h.user('UANN', 'Ann');
  const card = await h.post(commandBody('UANN', ''), form);
  expect(card.statusCode).toBe(200);
  expect(card.headers['content-type']).toBe('application/json');
  expect(card.headers['content-length']).toBe(String(Buffer.byteLength(card.body)));
  expect(card.headers['transfer-encoding']).toBeUndefined();
  expect(JSON.parse(card.body)).toMatchObject({ response_type: 'in_channel' });
  const click = await h.post(hideMeClick('UANN', '1.3'), form);
  expect([click.statusCode, click.body, click.headers['content-length']]).toEqual([200, '', '0']);
});
