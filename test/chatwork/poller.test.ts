import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueBetween, phaseOf } from '../../src/chatwork/poller.js';
import { type Bridge, linkByOAuth, linkByToken, openBridge } from './support.js';

const MIN = 60_000;

/** Ticks once per `stepMs` for `ms` of the injected clock. */
async function run(
  poller: { tick(): Promise<unknown> },
  b: Bridge,
  ms: number,
  stepMs = 1000,
): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    b.clock.advance(stepMs);
    await poller.tick();
  }
}

describe('phases: people spread over the interval', () => {
  it('a phase is due exactly once per interval, whatever the tick length', () => {
    const interval = 60_000;
    for (const step of [1, 999, 1000, 7_000]) {
      let hits = 0;
      for (let t = 0; t < 10 * interval; t += step) if (dueBetween(12_345, interval, t, t + step)) hits++;
      expect([10, 11]).toContain(hits);
    }
    expect(dueBetween(5, 100, 0, 1_000)).toBe(true); // a late tick catches up
  });

  it('1,000 people fill the minute evenly (no second holds more than 3× its share)', () => {
    const perSecond = new Array(60).fill(0);
    for (let i = 0; i < 1000; i++) perSecond[Math.floor(phaseOf(`acc_${i}`, 60_000) / 1000)]++;
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(3 * Math.ceil(1000 / 60));
  });
});

describe('the poller (SQLite store, fake Chatwork over HTTP)', () => {
  let b: Bridge;
  beforeEach(async () => {
    b = await openBridge();
  });
  afterEach(() => b.close());

  it('three incoming requests are announced once each, however many rounds pass', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const r = [1, 2, 3].map((i) => b.cw.addRequest(ann.accountId, { name: `Person ${i}` }));
    const poller = b.poller();
    await run(poller, b, 3 * MIN);
    expect(b.heard.incoming.map((h) => [h.personId, h.request.request_id])).toEqual(
      r.map((x) => ['acc_ann', x.request_id]),
    );
    expect(b.cw.callsTo('GET /incoming_requests')).toHaveLength(3);
    expect(b.counts.announced).toBe(3);
    // A fourth arrives later: only it is announced.
    const late = b.cw.addRequest(ann.accountId, { name: 'Late' });
    await run(poller, b, MIN);
    expect(b.heard.incoming.map((h) => h.request.request_id)).toEqual([...r, late].map((x) => x.request_id));
  });

  it('two instances on one store: each person is polled once per round, each request announced once', async () => {
    const people = ['acc_a', 'acc_b', 'acc_c', 'acc_d'];
    for (const p of people) {
      const account = await linkByToken(b, p);
      b.cw.addRequest(account.accountId);
    }
    const one = b.poller();
    const two = b.poller();
    for (let s = 0; s < 120; s++) {
      b.clock.advance(1000);
      await Promise.all([one.tick(), two.tick()]);
    }
    expect(b.cw.callsTo('GET /incoming_requests')).toHaveLength(people.length * 2);
    expect(b.heard.incoming.map((h) => h.personId).sort()).toEqual(people);
  });

  it('an announcement that fails is tried again next round, then told once', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    b.cw.addRequest(ann.accountId);
    let fail = true;
    const told: number[] = [];
    const errors: string[] = [];
    const poller = b.poller({
      onError: (e, personId) => errors.push(`${personId}: ${e instanceof Error ? e.message : e}`),
      announcer: {
        onIncoming: async (_p, request) => {
          if (fail) throw new Error('chat side down');
          told.push(request.request_id);
        },
        onBroken: async () => {},
      },
    });
    await run(poller, b, MIN);
    expect(told).toEqual([]);
    expect(errors).toEqual(['acc_ann: chat side down']);
    fail = false;
    await run(poller, b, 2 * MIN);
    expect(told).toHaveLength(1);
  });

  it('a 429 with X-RateLimit-Reset pauses polling that person until then; others go on', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    await linkByToken(b, 'acc_bob');
    const resetAt = Math.floor(b.clock.now() / 1000) + 4 * 60 + 30; // 4.5 minutes ahead
    b.cw.failNext('GET /incoming_requests', { status: 429, resetAt });
    const poller = b.poller();
    await run(poller, b, MIN);
    const annCalls = () => b.cw.callsTo('GET /incoming_requests').filter((c) => c.token === ann.apiToken);
    expect(annCalls().map((c) => c.status)).toEqual([429]);
    expect(b.counts['polled rate_limited']).toBe(1);

    await run(poller, b, 3 * MIN + 25_000); // still before the reset
    expect(annCalls()).toHaveLength(1);
    expect(b.cw.calls.length).toBeGreaterThan(3); // Bob was polled meanwhile

    await run(poller, b, 2 * MIN); // past the reset
    const after = annCalls().slice(1);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(after.every((c) => c.at >= resetAt * 1000 && c.status === 204)).toBe(true);
  });

  it('X-RateLimit-Remaining at the reserve rests the person until the reset, without a 429', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const cred = { kind: 'api_token', token: ann.apiToken } as const;
    for (let i = 0; i < 285; i++) await b.api.me(cred); // the person's own use leaves 15 calls
    const poller = b.poller({ reserve: 20 });
    await run(poller, b, 3 * MIN);
    const polls = b.cw.callsTo('GET /incoming_requests');
    expect(polls).toHaveLength(1);
    await run(poller, b, 3 * MIN); // the 5-minute window reset meanwhile
    expect(b.cw.callsTo('GET /incoming_requests').length).toBeGreaterThan(1);
    expect(b.cw.calls.every((c) => c.status !== 429)).toBe(true);
  });

  it('a 401 tells the person once, marks the link broken and stops polling them', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const bob = await linkByToken(b, 'acc_bob');
    b.cw.revoke(ann.accountId);
    const poller = b.poller();
    await run(poller, b, 5 * MIN);
    expect(b.heard.broken).toEqual(['acc_ann']);
    expect(await b.linking.getLink('acc_ann')).toMatchObject({ status: 'broken' });
    const annPolls = b.cw.callsTo('GET /incoming_requests').filter((c) => c.token === ann.apiToken);
    expect(annPolls.map((c) => c.status)).toEqual([401]);
    const bobPolls = b.cw.callsTo('GET /incoming_requests').filter((c) => c.token === bob.apiToken);
    expect(bobPolls.length).toBe(5);
  });

  it('OAuth: polls with a bearer token refreshed before it expires; a refused refresh is told once and stops', async () => {
    const ann = await linkByOAuth(b, 'acc_ann');
    b.cw.addRequest(ann.accountId, { name: 'Bob' });
    const poller = b.poller();
    await run(poller, b, 20 * MIN); // past the first 15-minute access token
    const polls = b.cw.callsTo('GET /incoming_requests');
    expect(polls.length).toBe(20);
    expect(polls.every((c) => c.auth === 'bearer' && c.status === 200)).toBe(true);
    expect(b.cw.tokenCalls.filter((c) => c.grantType === 'refresh_token').length).toBeGreaterThanOrEqual(1);
    expect(b.heard.incoming).toHaveLength(1);

    b.cw.revokeRefresh(ann.accountId);
    await run(poller, b, 20 * MIN);
    expect(b.heard.broken).toEqual(['acc_ann']);
    expect(await b.linking.getLink('acc_ann')).toMatchObject({ status: 'broken' });
    // Polled while the access token lasted, never with a refused one, then not at all.
    const after = b.cw.callsTo('GET /incoming_requests').slice(20);
    expect(after.every((c) => c.status === 200)).toBe(true);
    expect(after.length).toBeLessThan(15);
    expect(b.counts.broken).toBe(1);
  });

  it('once a day GET /me is read again: a changed Chatwork ID is kept and told', async () => {
    const ann = await linkByToken(b, 'acc_ann', { chatwork_id: 'ann_old' });
    const changed: Array<[string, string, string]> = [];
    const poller = b.poller({
      intervalMs: 10 * MIN,
      announcer: {
        onIncoming: async () => {},
        onBroken: async () => {},
        onProfileChanged: async (personId, link, previous) => {
          changed.push([personId, previous.chatworkId, link.chatworkId]);
        },
      },
    });
    ann.me.chatwork_id = 'ann_new';
    await run(poller, b, 23 * 60 * MIN, 10 * MIN);
    expect(changed).toEqual([]);
    await run(poller, b, 2 * 60 * MIN, 10 * MIN);
    expect(changed).toEqual([['acc_ann', 'ann_old', 'ann_new']]);
    expect(await b.linking.getLink('acc_ann')).toMatchObject({ chatworkId: 'ann_new' });
    expect(b.cw.callsTo('GET /me')).toHaveLength(2); // linking, then the daily read
  });

  it('disconnect: no more polls for that person', async () => {
    const ann = await linkByToken(b, 'acc_ann');
    const poller = b.poller();
    await run(poller, b, MIN);
    await b.linking.disconnect('acc_ann');
    await run(poller, b, 3 * MIN);
    expect(b.cw.callsTo('GET /incoming_requests').filter((c) => c.token === ann.apiToken)).toHaveLength(1);
  });
});
