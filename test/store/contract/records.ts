import { describe, expect, it } from 'vitest';
import { T0 } from '../../helpers/clock.js';
import type { ContractContext } from './support.js';

/** Small records with optional expiry: installations, conversation refs, sessions, one-time tokens. */
export function recordsContract(ctx: ContractContext): void {
  describe('records', () => {
    it('put/get/delete, per namespace, with and without expiry', async () => {
      const s = ctx.fx.store;
      expect(await s.getRecord('web_session', 'k', T0)).toBeNull();
      await s.putRecord('web_session', 'k', 'v1', null);
      await s.putRecord('profile_cache', 'k', 'other', T0 + 1000);
      expect(await s.getRecord('web_session', 'k', T0 + 10 ** 12)).toBe('v1');
      expect(await s.getRecord('profile_cache', 'k', T0 + 999)).toBe('other');
      expect(await s.getRecord('profile_cache', 'k', T0 + 1000)).toBeNull();
      await s.putRecord('web_session', 'k', 'v2 – ünïcödé 🎉', T0 + 50);
      expect(await s.getRecord('web_session', 'k', T0)).toBe('v2 – ünïcödé 🎉');
      await s.deleteRecord('web_session', 'k');
      expect(await s.getRecord('web_session', 'k', T0)).toBeNull();
      await s.deleteRecord('web_session', 'never-there');
    });

    it('pruneExpiredRecords drops what has expired and keeps the rest', async () => {
      const s = ctx.fx.store;
      await s.putRecord('web_session', 'gone', 'x', T0 + 1000);
      await s.putRecord('web_session', 'kept', 'y', null);
      await s.putRecord('profile_cache', 'later', 'z', T0 + 10_000);
      const pruned = await s.pruneExpiredRecords(T0 + 2000);
      // SQLite deletes the row; Redis expires it by TTL on its own and has nothing to prune.
      expect(pruned).toBe(s.kind === 'sqlite' ? 1 : 0);
      expect(await s.getRecord('web_session', 'gone', T0 + 2000)).toBeNull();
      expect(await s.getRecord('web_session', 'kept', T0 + 2000)).toBe('y');
      expect(await s.getRecord('profile_cache', 'later', T0 + 2000)).toBe('z');
    });

    it('stores large values intact', async () => {
      const big = JSON.stringify({ blob: 'x'.repeat(100_000) });
      await ctx.fx.store.putRecord('slack_installation', 'T1', big, null);
      expect(await ctx.fx.store.getRecord('slack_installation', 'T1', T0)).toBe(big);
    });

    it('claimOnce: true once, false on every repeat until expiry, then true again', async () => {
      const s = ctx.fx.store;
      expect(await s.claimOnce('idempotency', 'evt-1', T0 + 1000, T0)).toBe(true);
      expect(await s.claimOnce('idempotency', 'evt-1', T0 + 1000, T0 + 1)).toBe(false);
      expect(await s.claimOnce('idempotency', 'evt-1', T0 + 5000, T0 + 999)).toBe(false);
      expect(await s.claimOnce('idempotency', 'evt-2', T0 + 1000, T0 + 1)).toBe(true);
      expect(await s.claimOnce('web_session', 'evt-1', T0 + 1000, T0 + 1)).toBe(true);
      expect(await s.claimOnce('idempotency', 'evt-1', T0 + 3000, T0 + 1000)).toBe(true);
      expect(await s.claimOnce('idempotency', 'evt-1', T0 + 3000, T0 + 2000)).toBe(false);
    });

    it('claimOnce in parallel: exactly one true', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => ctx.fx.store.claimOnce('idempotency', 'same', T0 + 1000, T0)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('takeRecord works once; an expired record cannot be taken', async () => {
      const s = ctx.fx.store;
      await s.putRecord('signin_token', 'tok', 'acc_1', T0 + 1000);
      expect(await s.takeRecord('signin_token', 'tok', T0)).toBe('acc_1');
      expect(await s.takeRecord('signin_token', 'tok', T0)).toBeNull();
      expect(await s.getRecord('signin_token', 'tok', T0)).toBeNull();
      await s.putRecord('signin_token', 'old', 'acc_2', T0 + 1000);
      expect(await s.takeRecord('signin_token', 'old', T0 + 1000)).toBeNull();
      await s.putRecord('signin_token', 'race', 'acc_3', null);
      const raced = await Promise.all(
        Array.from({ length: 20 }, () => s.takeRecord('signin_token', 'race', T0)),
      );
      expect(raced.filter((v) => v !== null)).toEqual(['acc_3']);
    });
  });
}
