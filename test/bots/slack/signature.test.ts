import { afterEach, describe, expect, it } from 'vitest';
import { verifyRequest } from '../../../src/bots/slack/verify.js';
import { fixtureJson, fixtureText } from '../../helpers/fixtures.js';
import { type Harness, SIGNING_SECRET, sign, slackHarness } from './support.js';

/** Slack's worked example of request signing (test/fixtures/README.md). */
const vector = fixtureJson<{
  signing_secret: string;
  x_slack_request_timestamp: string;
  body: string;
  x_slack_signature: string;
}>('slack', 'signature-test-vector.json');

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('request signing', () => {
  it('accepts the documented test vector with a pinned clock, and only then', () => {
    const at = Number(vector.x_slack_request_timestamp) * 1000;
    const headers = {
      'x-slack-signature': vector.x_slack_signature,
      'x-slack-request-timestamp': vector.x_slack_request_timestamp,
    };
    const input = { signingSecret: vector.signing_secret, rawBody: vector.body, headers };
    expect(verifyRequest({ ...input, nowMs: at })).toEqual({ ok: true });
    expect(verifyRequest({ ...input, nowMs: at + 5 * 60_000 })).toEqual({ ok: true });
    expect(verifyRequest({ ...input, nowMs: at + 5 * 60_000 + 1000 }).ok).toBe(false);
    expect(verifyRequest({ ...input, nowMs: Date.now() }).ok).toBe(false);
    expect(verifyRequest({ ...input, rawBody: `${vector.body}x`, nowMs: at }).ok).toBe(false);
  });

  it('the server accepts the vector through HTTP when its clock is pinned to the vector time', async () => {
    h = await slackHarness({ env: { SLACK_SIGNING_SECRET: vector.signing_secret } });
    h.clock.set(Number(vector.x_slack_request_timestamp) * 1000);
    const res = await h.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-signature': vector.x_slack_signature,
        'x-slack-request-timestamp': vector.x_slack_request_timestamp,
      },
      payload: vector.body,
    });
    // `/webhook-collect` is not our command: a 200 with a hint, not a 401.
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).text).toContain('/chatwork-invite help');
  });

  it('refuses a forged signature, a stale and a future timestamp, and missing headers, changing nothing', async () => {
    h = await slackHarness();
    const body = new URLSearchParams({
      team_id: 'T0001',
      user_id: 'UEVE',
      channel_id: 'C1',
      command: '/chatwork-invite',
      text: '',
    }).toString();
    const form = 'application/x-www-form-urlencoded';
    const now = Math.floor(h.clock.now() / 1000);
    const forged = await h.post(body, form, { secret: 'not-the-secret' });
    const stale = await h.post(body, form, { ts: now - 301 });
    const future = await h.post(body, form, { ts: now + 301 });
    const missing = await h.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: { 'content-type': form },
      payload: body,
    });
    for (const res of [forged, stale, future, missing]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('stack');
    }
    expect(JSON.parse(future.body).message).toContain('future');
    expect(
      await h.store.getAccountByIdentity({ platform: 'slack', teamId: 'T0001', userId: 'UEVE' }),
    ).toBeNull();
    // A signature over a different timestamp than the header says is refused too.
    const replayed = await h.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: {
        'content-type': form,
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': sign(SIGNING_SECRET, now - 10, body),
      },
      payload: body,
    });
    expect(replayed.statusCode).toBe(401);
    // Within the window on both sides: accepted.
    expect((await h.post(body, form, { ts: now - 299 })).statusCode).toBe(200);
    expect((await h.post(body, form, { ts: now + 299 })).statusCode).toBe(200);
  });

  it('answers url_verification and ssl_check, and acks payloads it has no listener for', async () => {
    h = await slackHarness();
    const challenge = fixtureJson<{ challenge: string }>('slack', 'url_verification.json');
    const res = await h.post(JSON.stringify(challenge), 'application/json');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: challenge.challenge });
    const ssl = await h.app.inject({
      method: 'POST',
      url: '/slack/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'ssl_check=1&token=x',
    });
    expect(ssl.statusCode).toBe(200);
    const limited = fixtureText('slack', 'app_rate_limited.json');
    expect((await h.post(limited, 'application/json')).statusCode).toBe(200);
    const reaction = fixtureText('slack', 'event_callback.envelope.reaction_added.json');
    expect((await h.post(reaction, 'application/json')).statusCode).toBe(200);
    // Unreadable JSON after a valid signature: a clear 400, not a 500.
    const bad = await h.post('{not json', 'application/json');
    expect(bad.statusCode).toBe(400);
  });

  it('keeps the raw-body parsers inside the Slack plugin (other routes still parse JSON)', async () => {
    h = await slackHarness();
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const other = await h.app.inject({
      method: 'POST',
      url: '/not-slack',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
    expect(other.statusCode).toBe(404);
  });
});
