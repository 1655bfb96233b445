import { describe, expect, it } from 'vitest';
import { POLICY } from '../../../src/core/policy.js';
import { accountSchema, isUnclaimed, scopeKey } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity } from '../../helpers/identities.js';
import type { ContractContext } from './support.js';

/** A person named by someone else before they used the app: no handle, page or search entry until they act. */
export function unclaimedContract(ctx: ContractContext): void {
  describe('unclaimed accounts', () => {
    const bob = slackIdentity('U_BOB');
    const named = (senderId: string, identity = bob, now = T0) =>
      ctx.fx.store.registerUnclaimed({
        id: ctx.fx.id('acc'),
        identity,
        displayName: 'Bob Baker',
        locale: 'ja',
        senderId,
        now,
      });
    const claim = (identity = bob, now = T0 + 10) =>
      ctx.fx.store.registerAccount({
        id: ctx.fx.id('acc'),
        identity,
        displayName: 'Bob Baker',
        locale: 'ja',
        handleCandidates: ['bob-baker'],
        now,
      });

    it('registers without a handle: readable by id and identity, no handle lookup, no search entry', async () => {
      const alice = await ctx.fx.account('alice');
      const res = await named(alice.id);
      expect(res.ok && res.value.created).toBe(true);
      if (!res.ok) return;
      const { account } = res.value;
      expect(accountSchema.parse(account)).toEqual(account);
      expect(account).toMatchObject({
        handle: '',
        displayName: 'Bob Baker',
        locale: 'ja',
        identities: [bob],
      });
      expect(isUnclaimed(account)).toBe(true);
      expect(await ctx.fx.store.getAccount(account.id)).toEqual(account);
      expect(await ctx.fx.store.getAccountByIdentity(bob)).toEqual(account);
      expect(await ctx.fx.store.resolveHandle('bob-baker', T0)).toBeNull();
      expect(await ctx.fx.store.resolveHandle('', T0)).toBeNull();
      expect(await ctx.fx.store.searchAccounts({ scope: scopeKey(bob), query: 'bob', limit: 10 })).toEqual(
        [],
      );
      // Named again (by anyone): the same account, nothing new.
      expect(await named(alice.id)).toEqual({ ok: true, value: { account, created: false } });
    });

    it('their first act claims it: same id, a handle, a page and a search entry; a waiting request stays theirs', async () => {
      const alice = await ctx.fx.account('alice');
      const unclaimed = await named(alice.id);
      if (!unclaimed.ok) throw new Error('not registered');
      const sent = await ctx.fx.send(alice, unclaimed.value.account, T0 + 1);
      expect(sent.ok && sent.value.status).toBe('sent');
      const claimed = await claim();
      expect(claimed.ok).toBe(true);
      if (!claimed.ok) return;
      expect(claimed.value.created).toBe(true);
      expect(claimed.value.account).toMatchObject({ id: unclaimed.value.account.id, handle: 'bob-baker' });
      expect(await ctx.fx.store.getAccountByIdentity(bob)).toEqual(claimed.value.account);
      expect((await ctx.fx.store.resolveHandle('Bob-Baker', T0 + 10))?.account.id).toBe(
        claimed.value.account.id,
      );
      const found = await ctx.fx.store.searchAccounts({ scope: scopeKey(bob), query: 'bob', limit: 10 });
      expect(found.map((a) => a.id)).toEqual([claimed.value.account.id]);
      const incoming = await ctx.fx.store.listRequests({
        accountId: claimed.value.account.id,
        direction: 'incoming',
        now: T0 + 10,
        limit: 10,
      });
      expect(incoming.items.map((r) => r.senderId)).toEqual([alice.id]);
      // Registering again is no second claim.
      expect(await claim()).toEqual({ ok: true, value: { account: claimed.value.account, created: false } });
    });

    it('deleting an unclaimed account (delete my data as their first act) leaves no tombstone', async () => {
      const alice = await ctx.fx.account('alice');
      const unclaimed = await named(alice.id);
      if (!unclaimed.ok) throw new Error('not registered');
      await ctx.fx.send(alice, unclaimed.value.account, T0 + 1);
      const deleted = await ctx.fx.store.deleteAccount({
        accountId: unclaimed.value.account.id,
        now: T0 + 2,
      });
      expect(deleted).toEqual({ ok: true, value: { tombstones: [] } });
      expect(await ctx.fx.store.getAccountByIdentity(bob)).toBeNull();
      expect(await ctx.fx.store.tombstone('')).toBeNull();
      expect(await ctx.fx.store.tombstone('bob-baker')).toBeNull();
    });

    it('refused while the sender is at the send limit: nothing registered', async () => {
      const alice = await ctx.fx.account('alice');
      const max = POLICY.request.maxNewPerWindow;
      for (let i = 0; i < max; i++) {
        const other = await named(alice.id, slackIdentity(`U_P${i}`), T0 + i);
        if (!other.ok) throw new Error(`refused at ${i}`);
        const sent = await ctx.fx.send(alice, other.value.account, T0 + i);
        expect(sent.ok).toBe(true);
      }
      const refused = await named(alice.id, bob, T0 + max);
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('RATE_LIMITED');
      expect(refused.error.retryAfterMs).toBe(POLICY.request.newWindowMs - max);
      expect(await ctx.fx.store.getAccountByIdentity(bob)).toBeNull();
      // Once the window has passed, naming them works again.
      const later = await named(alice.id, bob, T0 + POLICY.request.newWindowMs + 1);
      expect(later.ok && later.value.created).toBe(true);
    });
  });
}
