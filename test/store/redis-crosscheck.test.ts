import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../src/core/index.js';
import { openRedisStore, type RedisStore, type RuleMismatch } from '../../src/store/redis/index.js';
import { redisKeys } from '../../src/store/redis/keys.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { adminClient, dropNamespace, freshNamespace, STANDALONE, withRedis } from './redis-support.js';

/**
 * The cross-check of each Lua decision against core's rules (src/store/redis/crosscheck.ts). A real
 * mismatch needs a Lua bug, so these tests make the two sides see different numbers: a clock with a
 * fraction of a millisecond (the script stores whole milliseconds, the rules keep the fraction), and
 * a request whose stored expiry was given a fraction behind the store's back. Strict (the tests'
 * setting) a mismatch throws; otherwise it is reported, and a change the script committed is
 * answered as committed, never as an error.
 */
await withRedis('redis rule cross-check', STANDALONE, () => {
  let admin: Redis | Cluster;
  const namespaces: string[] = [];
  beforeAll(async () => {
    admin = adminClient(STANDALONE);
    await admin.connect();
  });
  afterAll(async () => {
    for (const ns of namespaces) await dropNamespace(admin, ns);
    admin.disconnect();
  });

  /** A store with two accounts and one pending request from Bob to Alice, sent at T0. */
  async function setUp(opts: { strict: boolean }) {
    const namespace = freshNamespace();
    namespaces.push(namespace);
    const reported: RuleMismatch[] = [];
    const store: RedisStore = await openRedisStore(STANDALONE, {
      namespace,
      strictRuleCheck: opts.strict,
      onRuleMismatch: (m) => reported.push(m),
    });
    for (const name of ['alice', 'bob'])
      await store.registerAccount({
        id: `acc_${name}`,
        identity: slackIdentity(`U_${name}`),
        displayName: name,
        locale: 'en',
        handleCandidates: [name],
        now: T0,
      });
    let n = 0;
    const newId = () => `evt_${n++}`;
    const sent = await store.sendRequest({
      requestId: 'req_1',
      senderId: 'acc_bob',
      recipientId: 'acc_alice',
      note: null,
      source: 'link',
      context: null,
      now: T0,
      newId,
    });
    expect(sent.ok && sent.value.status).toBe('sent');
    /** Gives the stored request an expiry the script reads as it is and the rules read rounded. */
    const setStoredExpiry = (at: number) =>
      admin.hset(redisKeys(namespace).network('request', 'req_1'), 'e', at);
    const accept = (now: number) =>
      store.decideRequest({ requestId: 'req_1', actorId: 'acc_alice', action: 'accept', now, newId });
    const sendAgain = (now: number) =>
      store.sendRequest({
        requestId: 'req_2',
        senderId: 'acc_bob',
        recipientId: 'acc_alice',
        note: null,
        source: 'link',
        context: null,
        now,
        newId,
      });
    return { store, reported, setStoredExpiry, accept, sendAgain };
  }

  describe('strict (the tests): a mismatch fails', () => {
    it('effects that differ throw RuleMismatchError, though the script has committed', async () => {
      const { store, reported, accept } = await setUp({ strict: true });
      try {
        await expect(accept(T0 + 1000.5)).rejects.toThrow(/RuleMismatchError|Lua applied/);
        expect(reported).toEqual([]);
        // Why production must not throw: the accept is stored all the same.
        expect((await store.getRequest('req_1'))?.state).toBe('accepted');
      } finally {
        await store.close();
      }
    });
  });

  describe('not strict (production): reported, and a committed change is answered as committed', () => {
    it('effects that differ: the answer is the rules’ ok, the mismatch is reported once', async () => {
      const { store, reported, accept } = await setUp({ strict: false });
      try {
        const r = await accept(T0 + 1000.5);
        expect(r.ok && r.value.request.state).toBe('accepted');
        expect(r.ok && r.value.other?.id).toBe('acc_bob');
        expect(reported).toHaveLength(1);
        expect(reported[0]).toMatchObject({
          method: 'decideRequest',
          detail: expect.stringMatching(/Lua applied/),
        });
        expect((await store.relationship('acc_alice', 'acc_bob')).areContacts).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('the script accepted, the rules say expired: the answer is the stored acceptance, not an error', async () => {
      const { store, reported, setStoredExpiry, accept } = await setUp({ strict: false });
      try {
        const expiry = T0 + POLICY.request.expiresAfterMs;
        // The script sees expiry + 0.25 (still open at `expiry`); the rules see `expiry` (expired).
        await setStoredExpiry(expiry + 0.25);
        const r = await accept(expiry);
        expect(r.ok).toBe(true);
        expect(r.ok && r.value.request).toMatchObject({ id: 'req_1', state: 'accepted', decidedAt: expiry });
        expect(r.ok && r.value.other?.id).toBe('acc_bob');
        expect(reported.map((m) => m.method)).toEqual(['decideRequest', 'decideRequest']);
        expect(reported[0]?.detail).toMatch(/Lua answered ok but the rules ALREADY_DECIDED/);
        expect((await store.relationship('acc_alice', 'acc_bob')).areContacts).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('the script sent a new request, the rules say the old one is still pending: the answer is the new request', async () => {
      const { store, reported, setStoredExpiry, sendAgain } = await setUp({ strict: false });
      try {
        const expiry = T0 + POLICY.request.expiresAfterMs;
        // The script sees req_1 expired at expiry - 0.1; the rules see it open until `expiry`.
        await setStoredExpiry(expiry - 0.25);
        const r = await sendAgain(expiry - 0.1);
        expect(r.ok && r.value).toMatchObject({ status: 'sent', request: { id: 'req_2', state: 'pending' } });
        expect(reported[0]?.detail).toMatch(/Lua answered sent but the rules already_pending/);
        expect((await store.relationship('acc_bob', 'acc_alice')).outgoing?.id).toBe('req_2');
      } finally {
        await store.close();
      }
    });

    it('the script refused (it expired the request), the rules would accept: the call fails, nothing was accepted', async () => {
      const { store, reported, setStoredExpiry, accept } = await setUp({ strict: false });
      try {
        const expiry = T0 + POLICY.request.expiresAfterMs;
        // The script sees expiry - 0.25 (expired at expiry - 0.1); the rules see `expiry` (still open).
        await setStoredExpiry(expiry - 0.25);
        await expect(accept(expiry - 0.1)).rejects.toThrow(/stored nothing/);
        expect(reported[0]).toMatchObject({
          method: 'decideRequest',
          detail: expect.stringMatching(/Lua answered ALREADY_DECIDED but the rules ok/),
        });
        expect((await store.getRequest('req_1'))?.state).toBe('expired');
        expect((await store.relationship('acc_alice', 'acc_bob')).areContacts).toBe(false);
      } finally {
        await store.close();
      }
    });
  });
});
