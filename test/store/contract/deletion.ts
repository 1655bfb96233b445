import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/core/types.js';
import { identityKey } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity } from '../../helpers/identities.js';
import { type ContractContext, DAY, type Fixture } from './support.js';

/** What `seedDeletion` stored about the person who then deletes their data. */
export interface DeletionWorld {
  gone: Account;
  /** Strings that must not appear anywhere once the person is deleted (except in the tombstone). */
  needles: string[];
  others: { bobby: Account; carol: Account; dan: Account; erin: Account; frank: Account };
  requestIds: string[];
}

const GONE_IDENTITY = slackIdentity('UGONE7Q', 'TGONE7Q');

/**
 * A person with something of every kind: a changed handle (an alias), a contact, a request each way,
 * a block each way, queued notices to them and about them, and records tied to them.
 */
export async function seedDeletion(fx: Fixture): Promise<DeletionWorld> {
  const gone = await fx.account('Zyxwvut', { identity: GONE_IDENTITY, handle: 'zyxwvut-first' });
  const [bobby, carol, dan, erin, frank] = await fx.accounts('bobby', 'carol', 'dannyb', 'erinb', 'frankb');
  if (!bobby || !carol || !dan || !erin || !frank) throw new Error('fixture: accounts');
  const renamed = await fx.store.changeHandle({ accountId: gone.id, handle: 'zyxwvut-now', now: T0 + 1 });
  if (!renamed.ok) throw new Error(`fixture: changeHandle ${renamed.error.code}`);
  await fx.makeContacts(gone, bobby, T0 + 2);
  const out = await fx.pending(gone, carol, T0 + 3);
  const inc = await fx.pending(dan, gone, T0 + 4);
  await fx.store.blockAccount({ actorId: gone.id, otherId: erin.id, now: T0 + 5 });
  await fx.store.blockAccount({ actorId: frank.id, otherId: gone.id, now: T0 + 6 });
  const s = fx.store;
  await s.setEmailDomain({ identity: GONE_IDENTITY, domain: 'gone.example' });
  await s.putRecord(
    'web_session',
    'sess-hmac-1',
    JSON.stringify({ accountId: gone.id, createdAt: T0 }),
    T0 + DAY,
  );
  await s.putRecord('signin_token', 'tok-hmac-1', JSON.stringify({ accountId: gone.id }), T0 + DAY);
  await s.putRecord(
    'profile_cache',
    identityKey(GONE_IDENTITY),
    JSON.stringify({ name: 'Zyxwvut' }),
    T0 + DAY,
  );
  await s.putRecord('slack_card', inc.id, JSON.stringify({ channel: 'D1', ts: '1.2' }), T0 + DAY);
  await s.putRecord(
    'web_session',
    'sess-of-bobby',
    JSON.stringify({ accountId: bobby.id, createdAt: T0 }),
    null,
  );
  return {
    gone: renamed.value.account,
    needles: [gone.id, identityKey(GONE_IDENTITY), 'UGONE7Q', 'zyxwvut'],
    others: { bobby, carol, dan, erin, frank },
    requestIds: [out.id, inc.id],
  };
}

export function deletionContract(ctx: ContractContext): void {
  describe('deleteAccount', () => {
    it('removes the person everywhere others could see them and leaves a tombstone per handle', async () => {
      const { gone, others, requestIds } = await seedDeletion(ctx.fx);
      const s = ctx.fx.store;
      const res = await s.deleteAccount({ accountId: gone.id, now: T0 + 100 });
      expect(res.ok && res.value.tombstones.map((t) => t.handleKey).sort()).toEqual([
        'zyxwvut-first',
        'zyxwvut-now',
      ]);
      expect(await s.getAccount(gone.id)).toBeNull();
      expect(await s.getAccountByIdentity(GONE_IDENTITY)).toBeNull();
      expect(await s.resolveHandle('zyxwvut-now', T0 + 100)).toBeNull();
      expect(await s.resolveHandle('zyxwvut-first', T0 + 100)).toBeNull();
      expect(await s.tombstone('ZYXWVUT-now')).toEqual({ handleKey: 'zyxwvut-now', deletedAt: T0 + 100 });
      expect(await s.tombstone('zyxwvut-first')).toEqual({ handleKey: 'zyxwvut-first', deletedAt: T0 + 100 });
      expect(await s.tombstone('bobby')).toBeNull();
      for (const id of requestIds) expect(await s.getRequest(id)).toBeNull();
      const page = { limit: 50, now: T0 + 100 };
      expect((await s.listContacts({ accountId: others.bobby.id, limit: 50 })).items).toEqual([]);
      expect(
        (await s.listRequests({ accountId: others.carol.id, direction: 'incoming', ...page })).items,
      ).toEqual([]);
      expect(
        (await s.listRequests({ accountId: others.dan.id, direction: 'outgoing', ...page })).items,
      ).toEqual([]);
      expect(await s.searchAccounts({ scope: 'slack:TGONE7Q', query: 'zyx', limit: 10 })).toEqual([]);
      expect((await s.relationship(others.frank.id, gone.id)).aBlocksB).toBe(false);
      expect((await s.relationship(gone.id, others.erin.id)).aBlocksB).toBe(false);
      expect(await s.getRecord('web_session', 'sess-hmac-1', T0)).toBeNull();
      expect(await s.getRecord('signin_token', 'tok-hmac-1', T0)).toBeNull();
      expect(await s.getRecord('profile_cache', 'slack:-:TGONE7Q:UGONE7Q', T0)).toBeNull();
      expect(await s.getRecord('slack_card', requestIds[1] ?? '', T0)).toBeNull();
      expect(await s.getRecord('web_session', 'sess-of-bobby', T0)).not.toBeNull();
      const queued = await ctx.fx.drain(T0 + 200);
      expect(queued.filter((e) => e.recipientId === gone.id || JSON.stringify(e).includes(gone.id))).toEqual(
        [],
      );
    });

    it('the e-mail domain kept for the identity goes too: the same identity registered again has none', async () => {
      const { gone } = await seedDeletion(ctx.fx);
      expect((await ctx.fx.store.deleteAccount({ accountId: gone.id, now: T0 + 100 })).ok).toBe(true);
      const again = await ctx.fx.account('Zyxwvut', { identity: GONE_IDENTITY, handle: 'zyxwvut-again' });
      expect((await ctx.fx.store.accountData(again.id, T0 + 200))?.emailDomains).toEqual([]);
    });

    it('accountData: the account, live aliases, every request both ways (any state) and its records', async () => {
      const { gone, others, requestIds } = await seedDeletion(ctx.fx);
      const s = ctx.fx.store;
      expect(await s.accountData('acc_nobody', T0)).toBeNull();
      const data = await s.accountData(gone.id, T0 + 100);
      expect(data?.account).toEqual(gone);
      expect(data?.aliases.map((a) => a.handleKey)).toEqual(['zyxwvut-first']);
      expect(data?.emailDomains).toEqual(['gone.example']);
      const reqs = data?.requests ?? [];
      expect(reqs.map((r) => [r.senderId, r.recipientId, r.state])).toEqual([
        [gone.id, others.bobby.id, 'accepted'],
        [gone.id, others.carol.id, 'pending'],
        [others.dan.id, gone.id, 'pending'],
      ]);
      expect(reqs.map((r) => r.id).slice(1)).toEqual(requestIds);
      expect((data?.records ?? []).map((r) => `${r.namespace}/${r.key}`).sort()).toEqual(
        ['profile_cache/slack:-:TGONE7Q:UGONE7Q', 'sess-hmac-1', `slack_card/${requestIds[1]}`, 'tok-hmac-1']
          .map((k) =>
            k === 'sess-hmac-1' ? `web_session/${k}` : k === 'tok-hmac-1' ? `signin_token/${k}` : k,
          )
          .sort(),
      );
      await s.putRecord('data_export', 'x', JSON.stringify({ account: gone }), T0 + DAY);
      expect(
        (await s.accountData(gone.id, T0 + 100))?.records.some((r) => r.namespace === 'data_export'),
      ).toBe(false);
    });

    it('NOT_FOUND for an unknown account, and a second delete; the others keep working', async () => {
      const { gone, others } = await seedDeletion(ctx.fx);
      const s = ctx.fx.store;
      expect(await s.deleteAccount({ accountId: 'acc_nobody', now: T0 })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect((await s.deleteAccount({ accountId: gone.id, now: T0 + 100 })).ok).toBe(true);
      expect(await s.deleteAccount({ accountId: gone.id, now: T0 + 101 })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const again = await ctx.fx.send(others.carol, others.dan, T0 + 102);
      expect(again.ok && again.value.status).toBe('sent');
      expect((await s.getAccount(others.bobby.id))?.handle).toBe('bobby');
    });

    it('the same identity can sign up again, as a new account with nothing of the old one', async () => {
      const { gone } = await seedDeletion(ctx.fx);
      await ctx.fx.store.deleteAccount({ accountId: gone.id, now: T0 + 100 });
      const back = await ctx.fx.account('Zyxwvut', {
        identity: GONE_IDENTITY,
        handle: 'zyxwvut-now',
        now: T0 + 200,
      });
      expect(back.id).not.toBe(gone.id);
      expect((await ctx.fx.store.listContacts({ accountId: back.id, limit: 10 })).items).toEqual([]);
    });
  });
}
