import { describe, expect, it } from 'vitest';
import { POLICY } from '../../../src/core/policy.js';
import { T0 } from '../../helpers/clock.js';
import { type ContractContext, DAY } from './support.js';

const ALIAS_TTL = POLICY.handle.aliasTtlMs;

export function handlesContract(ctx: ContractContext): void {
  describe('handles', () => {
    const change = (accountId: string, handle: string, now = T0) =>
      ctx.fx.store.changeHandle({ accountId, handle, now });

    it('resolves a handle in any case, showing it as its owner typed it', async () => {
      const alice = await ctx.fx.account('Alice', { handle: 'Alice_W' });
      for (const q of ['Alice_W', 'alice_w', 'ALICE_W', 'aLiCe_w']) {
        const r = await ctx.fx.store.resolveHandle(q, T0);
        expect(r).toEqual({ account: alice, via: 'handle' });
      }
      expect(await ctx.fx.store.resolveHandle('alice-w', T0)).toBeNull();
    });

    it('changes a handle, returning the previous one; NOT_FOUND for an unknown account', async () => {
      const alice = await ctx.fx.account('alice');
      const res = await change(alice.id, 'Wonderland');
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value.previous).toBe('alice');
      expect(res.value.account).toMatchObject({ id: alice.id, handle: 'Wonderland' });
      expect((await ctx.fx.store.getAccount(alice.id))?.handle).toBe('Wonderland');
      expect(await change('acc_nobody', 'nobody-here')).toEqual({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('HANDLE_TAKEN for another account’s handle, in any case, and nothing changes', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      for (const h of ['bobby', 'BOBBY', 'Bobby']) {
        expect(await change(alice!.id, h)).toEqual({ ok: false, error: { code: 'HANDLE_TAKEN' } });
      }
      expect((await ctx.fx.store.getAccount(alice!.id))?.handle).toBe('alice');
      expect((await ctx.fx.store.resolveHandle('bobby', T0))?.account.id).toBe(bobby!.id);
    });

    it('HANDLE_TAKEN for another account’s LIVE alias, in any case', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      expect((await change(bobby!.id, 'robert')).ok).toBe(true);
      const res = await change(alice!.id, 'BoBbY', T0 + ALIAS_TTL - 1);
      expect(res).toEqual({ ok: false, error: { code: 'HANDLE_TAKEN' } });
    });

    it('HANDLE_UNCHANGED for the current handle', async () => {
      const alice = await ctx.fx.account('alice');
      expect(await change(alice.id, 'alice')).toEqual({ ok: false, error: { code: 'HANDLE_UNCHANGED' } });
    });

    it('keeps the old handle as an alias for 30 days, then lets it go', async () => {
      const alice = await ctx.fx.account('alice');
      expect((await change(alice.id, 'alice-new')).ok).toBe(true);
      const live = await ctx.fx.store.resolveHandle('ALICE', T0 + ALIAS_TTL - 1);
      expect(live?.via).toBe('alias');
      expect(live?.account).toMatchObject({ id: alice.id, handle: 'alice-new' });
      expect(await ctx.fx.store.resolveHandle('alice', T0 + ALIAS_TTL)).toBeNull();
      expect((await ctx.fx.store.resolveHandle('alice-new', T0 + ALIAS_TTL))?.via).toBe('handle');
    });

    it('lets someone else take the handle once the alias has expired', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      expect((await change(alice!.id, 'alice-new')).ok).toBe(true);
      const res = await change(bobby!.id, 'Alice', T0 + ALIAS_TTL);
      expect(res.ok).toBe(true);
      expect(await ctx.fx.store.resolveHandle('alice', T0 + ALIAS_TTL)).toEqual({
        account: expect.objectContaining({ id: bobby!.id, handle: 'Alice' }),
        via: 'handle',
      });
      // A newcomer can also get it as an automatic handle after expiry.
      const carol = await ctx.fx.account('carol');
      expect((await change(carol.id, 'carol-2', T0 + ALIAS_TTL)).ok).toBe(true);
      const dave = await ctx.fx.account('david', { handle: 'CAROL', now: T0 + 2 * ALIAS_TTL });
      expect(dave.handle).toBe('CAROL');
    });

    it('lets the owner take their own alias back', async () => {
      const alice = await ctx.fx.account('alice');
      expect((await change(alice.id, 'alice-new', T0)).ok).toBe(true);
      const back = await change(alice.id, 'Alice', T0 + 1);
      expect(back.ok && back.value).toMatchObject({ previous: 'alice-new', account: { handle: 'Alice' } });
      expect((await ctx.fx.store.resolveHandle('alice', T0 + 2))?.via).toBe('handle');
      expect((await ctx.fx.store.resolveHandle('alice-new', T0 + 2))?.via).toBe('alias');
    });

    it('allows at most 3 changes per 24 h (HANDLE_CHANGE_LIMIT with retryAfterMs), then allows again', async () => {
      const alice = await ctx.fx.account('alice');
      for (const [i, h] of ['alice-1', 'alice-2', 'alice-3'].entries()) {
        expect((await change(alice.id, h, T0 + i * 1000)).ok).toBe(true);
      }
      const limited = await change(alice.id, 'alice-4', T0 + 5000);
      expect(limited).toEqual({
        ok: false,
        error: { code: 'HANDLE_CHANGE_LIMIT', retryAfterMs: DAY - 5000 },
      });
      expect((await ctx.fx.store.getAccount(alice.id))?.handle).toBe('alice-3');
      // Waiting exactly the time given frees one change (the first one falls out of the window).
      const later = await change(alice.id, 'alice-4', T0 + DAY);
      expect(later.ok).toBe(true);
      const again = await change(alice.id, 'alice-5', T0 + DAY);
      expect(again).toEqual({ ok: false, error: { code: 'HANDLE_CHANGE_LIMIT', retryAfterMs: 1000 } });
    });

    it('does not count refused changes against the limit', async () => {
      const [alice] = await ctx.fx.accounts('alice', 'bobby');
      for (let i = 0; i < 5; i++) await change(alice!.id, 'bobby', T0 + i);
      for (const [i, h] of ['alice-1', 'alice-2', 'alice-3'].entries()) {
        expect((await change(alice!.id, h, T0 + 10 + i)).ok).toBe(true);
      }
    });
  });
}
