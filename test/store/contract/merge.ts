import { describe, expect, it } from 'vitest';
import { MERGE_CODE } from '../../../src/core/merge.js';
import type { Account } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity, teamsIdentity } from '../../helpers/identities.js';
import { brief, type ContractContext, DAY, type Fixture, HOUR } from './support.js';

/** One person, two platforms: merge codes, `mergeAccounts` and `unmergeIdentity` (src/core/merge.ts). */
export function mergeContract(ctx: ContractContext): void {
  describe('merge and unmerge', () => {
    /** Sam on Slack (older, T0) and Sam on Teams (an hour later). */
    async function twoSams(fx: Fixture): Promise<[Account, Account]> {
      const slack = await fx.account('sam', { identity: slackIdentity('U_SAM'), now: T0 });
      const teams = await fx.account('samt', { identity: teamsIdentity('aad-sam'), now: T0 + HOUR });
      return [slack, teams];
    }
    const code = async (fx: Fixture, account: Account, platform: 'slack' | 'teams', now: number) => {
      const c = fx.id('code');
      await fx.store.putMergeCode({
        code: c,
        accountId: account.id,
        platform,
        expiresAt: now + MERGE_CODE.ttlMs,
      });
      return c;
    };
    const merge = (fx: Fixture, c: string, by: Account, platform: 'slack' | 'teams', now: number) =>
      fx.store.mergeAccounts({ code: c, accountId: by.id, platform, now, newId: fx.newId });
    const contactIds = async (fx: Fixture, id: string) =>
      (await fx.store.listContacts({ accountId: id, limit: 50 })).items
        .map((c) => c.account.displayName)
        .sort();
    const requests = async (fx: Fixture, id: string, direction: 'incoming' | 'outgoing', now: number) =>
      (await fx.store.listRequests({ accountId: id, direction, now, limit: 50 })).items;

    it('joins two accounts into the older one: both identities, its handle, the other an alias; contacts, requests and blocks of both', async () => {
      const { fx } = ctx;
      const now = T0 + 2 * HOUR;
      const [slack, teams] = await twoSams(fx);
      const [ann, ben, cat, dan, eve, fay, gus] = await fx.accounts(
        'ann',
        'ben',
        'cat',
        'dan',
        'eve',
        'fay',
        'gus',
      );
      await fx.makeContacts(slack, ann!, T0);
      await fx.makeContacts(teams, ben!, T0 + HOUR);
      await fx.makeContacts(teams, ann!, T0 + HOUR); // in both lists: one contact
      const toCat = await fx.pending(teams, cat!, now - 60_000); // moves to the merged account
      const fromDan = await fx.pending(dan!, teams, now - 60_000); // moves too
      const catFromSlack = await fx.pending(slack, cat!, now - 50_000); // duplicate of toCat: one stays
      const fromEve = await fx.pending(eve!, slack, now - 40_000); // eve asked the Slack account …
      await fx.pending(teams, eve!, now - 30_000); // … and the Teams account asked eve: a connection
      await fx.pending(slack, teams, now - 20_000); // between the two: disappears
      await fx.store.blockAccount({ actorId: teams.id, otherId: fay!.id, now: now - 10_000 });
      await fx.store.blockAccount({ actorId: gus!.id, otherId: teams.id, now: now - 10_000 });
      await fx.drain(now);

      const c = await code(fx, teams, 'teams', now);
      const res = await merge(fx, c, slack, 'slack', now + 1000);
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value.keepId).toBe(slack.id);
      expect(res.value.goneId).toBe(teams.id);
      expect(res.value.connected).toEqual([eve!.id]);
      const merged = res.value.account;
      expect(merged.handle).toBe('sam');
      expect(merged.identities).toEqual([slackIdentity('U_SAM'), teamsIdentity('aad-sam')]);
      expect((await fx.store.getAccountByIdentity(teamsIdentity('aad-sam')))?.id).toBe(slack.id);
      expect(await fx.store.getAccount(teams.id)).toBeNull();
      expect(await fx.store.resolveHandle('SAMT', now + 2000)).toMatchObject({
        account: { id: slack.id },
        via: 'alias',
      });
      expect(await fx.store.resolveHandle('samt', now + 31 * DAY)).toBeNull();

      expect(await contactIds(fx, slack.id)).toEqual(['ann', 'ben', 'eve']);
      expect(await contactIds(fx, ben!.id)).toEqual(['sam']);
      expect(await contactIds(fx, ann!.id)).toEqual(['sam']);
      const out = await requests(fx, slack.id, 'outgoing', now + 2000);
      expect(out.map((r) => r.recipientId)).toEqual([cat!.id]);
      expect(out[0]?.id).toBe(catFromSlack.id);
      expect(await fx.store.getRequest(toCat.id)).toBeNull();
      const inc = await requests(fx, slack.id, 'incoming', now + 2000);
      expect(inc.map((r) => r.id)).toEqual([fromDan.id]);
      expect(inc[0]?.recipientId).toBe(slack.id);
      expect((await fx.store.getRequest(fromEve.id))?.state).toBe('accepted');
      expect(brief(await fx.drain(now + 2000))).toEqual([
        { type: 'request_accepted', recipientId: eve!.id, requestId: fromEve.id },
      ]);
      expect(
        (await fx.store.listBlocks({ accountId: slack.id, limit: 10 })).items.map((b) => b.account.id),
      ).toEqual([fay!.id]);
      expect((await fx.store.relationship(gus!.id, slack.id)).aBlocksB).toBe(true);
      // dan's request is the merged account's to decide
      const accepted = await fx.decide(fromDan.id, slack, 'accept', now + 3000);
      expect(accepted.ok).toBe(true);
    });

    it('queued notices to the newer account go to the merged one', async () => {
      const { fx } = ctx;
      const [slack, teams] = await twoSams(fx);
      const ann = await fx.account('ann');
      const req = await fx.pending(ann, teams, T0 + 2 * HOUR);
      const c = await code(fx, slack, 'slack', T0 + 2 * HOUR);
      const res = await merge(fx, c, teams, 'teams', T0 + 2 * HOUR);
      expect(res.ok && res.value.keepId).toBe(slack.id);
      expect(brief(await fx.drain(T0 + 2 * HOUR))).toEqual([
        { type: 'request_received', recipientId: slack.id, requestId: req.id },
      ]);
    });

    it('refuses: unknown, expired or used code, the same account, the same platform; nothing changes', async () => {
      const { fx } = ctx;
      const now = T0 + 2 * HOUR;
      const [slack, teams] = await twoSams(fx);
      const other = await fx.account('otto', { identity: slackIdentity('U_OTTO') });
      expect(await merge(fx, 'no-such-code', slack, 'slack', now)).toEqual({
        ok: false,
        error: { code: 'MERGE_CODE_INVALID' },
      });
      const c = await code(fx, teams, 'teams', now);
      expect(await merge(fx, c, slack, 'slack', now + MERGE_CODE.ttlMs)).toEqual({
        ok: false,
        error: { code: 'MERGE_CODE_INVALID' },
      });
      const c2 = await code(fx, teams, 'teams', now);
      expect(await merge(fx, c2, teams, 'slack', now)).toEqual({
        ok: false,
        error: { code: 'MERGE_SAME_ACCOUNT' },
      });
      const c3 = await code(fx, slack, 'slack', now);
      expect(await merge(fx, c3, other, 'slack', now)).toEqual({
        ok: false,
        error: { code: 'MERGE_SAME_PLATFORM' },
      });
      expect((await fx.store.getAccount(teams.id))?.identities).toEqual([teamsIdentity('aad-sam')]);
      // a refused attempt leaves the code usable; a used one works once
      expect((await merge(fx, c2, slack, 'slack', now)).ok).toBe(true);
      expect(await merge(fx, c2, slack, 'slack', now)).toEqual({
        ok: false,
        error: { code: 'MERGE_CODE_INVALID' },
      });
    });

    it('race: two merges of one code at once, exactly one wins', async () => {
      const { fx } = ctx;
      const now = T0 + 2 * HOUR;
      const [slack] = await twoSams(fx);
      const t2 = await fx.account('tara', { identity: teamsIdentity('aad-tara'), now: T0 + HOUR });
      const [a, b] = await fx.handles(2);
      const c = await code(fx, slack, 'slack', now);
      const teams = (await fx.store.getAccountByIdentity(teamsIdentity('aad-sam'))) as Account;
      const results = await Promise.all([
        (a ?? fx.store).mergeAccounts({
          code: c,
          accountId: teams.id,
          platform: 'teams',
          now,
          newId: fx.newId,
        }),
        (b ?? fx.store).mergeAccounts({ code: c, accountId: t2.id, platform: 'teams', now, newId: fx.newId }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['MERGE_CODE_INVALID']);
      expect((await fx.store.getAccount(slack.id))?.identities).toHaveLength(2);
    });

    it('unmerge: the identity leaves for a fresh account with a new handle; contacts stay with the original', async () => {
      const { fx } = ctx;
      const now = T0 + 2 * HOUR;
      const [slack, teams] = await twoSams(fx);
      const ann = await fx.account('ann');
      await fx.makeContacts(teams, ann, T0 + HOUR);
      const c = await code(fx, slack, 'slack', now);
      expect((await merge(fx, c, teams, 'teams', now)).ok).toBe(true);
      const cmd = {
        accountId: slack.id,
        identity: teamsIdentity('aad-sam'),
        newAccountId: fx.id('acc'),
        displayName: 'Sam T',
        locale: 'ja' as const,
        handleCandidates: ['samt', 'sam-t'],
        now: now + 1000,
      };
      // 'samt' is still the merged account's alias
      const res = await fx.store.unmergeIdentity(cmd);
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value.account.identities).toEqual([slackIdentity('U_SAM')]);
      expect(res.value.split).toMatchObject({
        id: cmd.newAccountId,
        handle: 'sam-t',
        displayName: 'Sam T',
        locale: 'ja',
      });
      expect(res.value.split.identities).toEqual([teamsIdentity('aad-sam')]);
      expect((await fx.store.getAccountByIdentity(teamsIdentity('aad-sam')))?.id).toBe(cmd.newAccountId);
      expect(await contactIds(fx, slack.id)).toEqual(['ann']);
      expect(await contactIds(fx, cmd.newAccountId)).toEqual([]);
      expect(
        await fx.store.unmergeIdentity({ ...cmd, accountId: slack.id, identity: slackIdentity('U_SAM') }),
      ).toEqual({
        ok: false,
        error: { code: 'NOT_MERGED' },
      });
    });
  });
}
