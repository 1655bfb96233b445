import { describe, expect, it } from 'vitest';
import { accountSchema, scopeKey } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity, teamsIdentity } from '../../helpers/identities.js';
import type { ContractContext } from './support.js';

export function accountsContract(ctx: ContractContext): void {
  describe('accounts', () => {
    const register = (identity = slackIdentity('U1'), handleCandidates = ['alice'], id = ctx.fx.id('acc')) =>
      ctx.fx.store.registerAccount({
        id,
        identity,
        displayName: 'Alice',
        locale: 'ja',
        handleCandidates,
        now: T0,
      });

    it('registers an account and reads it back by id and by identity', async () => {
      const res = await register();
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const { account, created } = res.value;
      expect(created).toBe(true);
      expect(accountSchema.parse(account)).toEqual(account);
      expect(account).toMatchObject({
        handle: 'alice',
        displayName: 'Alice',
        locale: 'ja',
        searchable: true,
      });
      expect(account.identities).toEqual([slackIdentity('U1')]);
      expect(account.createdAt).toBe(T0);
      expect(await ctx.fx.store.getAccount(account.id)).toEqual(account);
      expect(await ctx.fx.store.getAccountByIdentity(slackIdentity('U1'))).toEqual(account);
    });

    it('is idempotent per identity: same account, created:false, no second handle taken', async () => {
      const first = await register(slackIdentity('U1'), ['alice']);
      const again = await register(slackIdentity('U1'), ['other-handle']);
      expect(first.ok && again.ok).toBe(true);
      if (!first.ok || !again.ok) return;
      expect(again.value.created).toBe(false);
      expect(again.value.account.id).toBe(first.value.account.id);
      expect(again.value.account.handle).toBe('alice');
      expect(await ctx.fx.store.resolveHandle('other-handle', T0)).toBeNull();
    });

    it('treats the same Slack user id in two teams (and Teams ids per tenant) as different accounts', async () => {
      const a = await register(slackIdentity('U1', 'T_ONE'), ['alice', 'alice-two']);
      const b = await register(slackIdentity('U1', 'T_TWO'), ['alice', 'alice-two']);
      const c = await register(teamsIdentity('aad-1', 'tenant-a'), ['alice', 'alice-two', 'alice-3']);
      const d = await register(teamsIdentity('aad-1', 'tenant-b'), [
        'alice',
        'alice-two',
        'alice-3',
        'alice-4',
      ]);
      const ids = [a, b, c, d].map((r) => (r.ok ? r.value.account.id : null));
      expect(new Set(ids).size).toBe(4);
      expect([a, b, c, d].map((r) => r.ok && r.value.created)).toEqual([true, true, true, true]);
      const found = await ctx.fx.store.getAccountByIdentity(slackIdentity('U1', 'T_TWO'));
      expect(found?.id).toBe(ids[1]);
      expect(await ctx.fx.store.getAccountByIdentity(slackIdentity('U1', 'T_THREE'))).toBeNull();
    });

    it('takes the first FREE handle candidate, case-insensitively, keeping the display case', async () => {
      const a = await register(slackIdentity('U1'), ['Alice']);
      const b = await register(slackIdentity('U2'), ['ALICE', 'alice', 'Alice-Two', 'alice-3']);
      const c = await register(slackIdentity('U3'), ['alice-two', 'alice-3']);
      expect(a.ok && a.value.account.handle).toBe('Alice');
      expect(b.ok && b.value.account.handle).toBe('Alice-Two');
      expect(c.ok && c.value.account.handle).toBe('alice-3');
      const resolved = await ctx.fx.store.resolveHandle('aLiCe-tWo', T0);
      expect(resolved?.account.handle).toBe('Alice-Two');
      expect(resolved?.via).toBe('handle');
    });

    it('skips candidates that are another account’s live alias', async () => {
      const alice = await ctx.fx.account('alice');
      const changed = await ctx.fx.store.changeHandle({ accountId: alice.id, handle: 'alice-new', now: T0 });
      expect(changed.ok).toBe(true);
      const b = await register(slackIdentity('U2'), ['ALICE', 'bobby']);
      expect(b.ok && b.value.account.handle).toBe('bobby');
    });

    it('gives NO_HANDLE_AVAILABLE when every candidate is taken, and registers nothing', async () => {
      await register(slackIdentity('U1'), ['alice']);
      const res = await register(slackIdentity('U2'), ['alice', 'ALICE']);
      expect(res).toEqual({ ok: false, error: { code: 'NO_HANDLE_AVAILABLE' } });
      expect(await ctx.fx.store.getAccountByIdentity(slackIdentity('U2'))).toBeNull();
      const empty = await register(slackIdentity('U3'), []);
      expect(empty).toEqual({ ok: false, error: { code: 'NO_HANDLE_AVAILABLE' } });
    });

    it('getAccount and getAccountByIdentity answer null for strangers', async () => {
      expect(await ctx.fx.store.getAccount('acc_nobody')).toBeNull();
      expect(await ctx.fx.store.getAccountByIdentity(teamsIdentity('nobody'))).toBeNull();
    });

    it('updateProfile changes only what it is given; null for an unknown account', async () => {
      const alice = await ctx.fx.account('alice');
      const renamed = await ctx.fx.store.updateProfile({ accountId: alice.id, displayName: 'Alice Liddell' });
      expect(renamed).toMatchObject({
        id: alice.id,
        displayName: 'Alice Liddell',
        locale: 'en',
        searchable: true,
      });
      const hidden = await ctx.fx.store.updateProfile({
        accountId: alice.id,
        locale: 'vi',
        searchable: false,
      });
      expect(hidden).toMatchObject({ displayName: 'Alice Liddell', locale: 'vi', searchable: false });
      expect(await ctx.fx.store.getAccount(alice.id)).toEqual(hidden);
      expect(await ctx.fx.store.updateProfile({ accountId: 'acc_nobody', displayName: 'x' })).toBeNull();
    });

    describe('searchAccounts', () => {
      const seed = async () => {
        const fx = ctx.fx;
        const alice = await fx.account('Alice', {
          identity: slackIdentity('U1', 'T1'),
          handle: 'wonder-land',
        });
        const alan = await fx.account('Alan Turing', {
          identity: slackIdentity('U2', 'T1'),
          handle: 'enigma',
        });
        const hidden = await fx.account('Alina', { identity: slackIdentity('U3', 'T1'), handle: 'alina' });
        await fx.store.updateProfile({ accountId: hidden.id, searchable: false });
        const elsewhere = await fx.account('Alice Other', {
          identity: slackIdentity('U4', 'T2'),
          handle: 'al-other',
        });
        const teams = await fx.account('Alex', {
          identity: teamsIdentity('aad-1', 'tenant-a'),
          handle: 'alex',
        });
        return { alice, alan, hidden, elsewhere, teams };
      };
      const ids = (accounts: { id: string }[]) => accounts.map((a) => a.id).sort();

      it('matches the display name, case-insensitively, within the scope only', async () => {
        const s = await seed();
        const found = await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'AL', limit: 10 });
        expect(ids(found)).toEqual(ids([s.alice, s.alan]));
        const other = await ctx.fx.store.searchAccounts({ scope: 'slack:T2', query: 'al', limit: 10 });
        expect(ids(other)).toEqual([s.elsewhere.id]);
        const tenant = await ctx.fx.store.searchAccounts({
          scope: 'teams:tenant-a',
          query: 'ale',
          limit: 10,
        });
        expect(ids(tenant)).toEqual([s.teams.id]);
        expect(scopeKey(teamsIdentity('aad-1', 'tenant-a'))).toBe('teams:tenant-a');
      });

      it('matches the handle case-insensitively', async () => {
        const s = await seed();
        const found = await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'ENIGMA', limit: 10 });
        expect(ids(found)).toEqual([s.alan.id]);
        const part = await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'der-la', limit: 10 });
        expect(ids(part)).toEqual([s.alice.id]);
      });

      it('honours searchable=false, and finds the account again once it opts back in', async () => {
        const s = await seed();
        expect(await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'alina', limit: 10 })).toEqual(
          [],
        );
        await ctx.fx.store.updateProfile({ accountId: s.hidden.id, searchable: true });
        const found = await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'alina', limit: 10 });
        expect(ids(found)).toEqual([s.hidden.id]);
      });

      it('respects the limit and answers [] for no match', async () => {
        await seed();
        expect(await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'a', limit: 1 })).toHaveLength(
          1,
        );
        expect(await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query: 'zzz', limit: 10 })).toEqual([]);
      });

      it('treats LIKE/glob wildcards in the query as plain text', async () => {
        await seed();
        for (const query of ['%', '_', '*', '?', '[a]']) {
          expect(await ctx.fx.store.searchAccounts({ scope: 'slack:T1', query, limit: 10 })).toEqual([]);
        }
      });
    });

    it('counts the registered people of a scope (a tenant, a workspace) up to a bound; unclaimed and deleted ones are not counted', async () => {
      const count = (scope: string, atMost = 10) => ctx.fx.store.countAccountsIn(scope, atMost);
      const tenantA = scopeKey(teamsIdentity('aad-x', 'tenant-a'));
      expect(await count(tenantA)).toBe(0);
      const ann = await ctx.fx.account('ann', { identity: teamsIdentity('aad-ann', 'tenant-a') });
      await ctx.fx.account('bea', { identity: teamsIdentity('aad-bea', 'tenant-a') });
      await ctx.fx.account('cid', { identity: teamsIdentity('aad-cid', 'tenant-b') });
      await ctx.fx.store.updateProfile({ accountId: ann.id, searchable: false });
      const named = await ctx.fx.store.registerUnclaimed({
        id: ctx.fx.id('acc'),
        identity: teamsIdentity('aad-dan', 'tenant-c'),
        displayName: 'Dan',
        locale: 'en',
        senderId: ann.id,
        now: T0,
      });
      expect(named.ok).toBe(true);
      expect(await count(tenantA)).toBe(2);
      expect(await count(tenantA, 1)).toBe(1);
      expect(await count(scopeKey(teamsIdentity('aad-x', 'tenant-b')))).toBe(1);
      expect(await count(scopeKey(teamsIdentity('aad-x', 'tenant-c')))).toBe(0);
      expect(await count(scopeKey(slackIdentity('U1')))).toBe(0);
      expect((await ctx.fx.store.deleteAccount({ accountId: ann.id, now: T0 + 1 })).ok).toBe(true);
      expect(await count(tenantA)).toBe(1);
    });
  });
}
