import { describe, expect, it } from 'vitest';
import type { Page } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import type { ContractContext } from './support.js';

/** Follows cursors to the end; checks every page's size bound. */
async function allPages<T>(limit: number, fetch: (cursor: string | null) => Promise<Page<T>>) {
  const pages: T[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Page<T> = await fetch(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page.items);
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('pagination never ended');
}

/** Lists, contacts and the relationship view. */
export function listingContract(ctx: ContractContext): void {
  describe('lists and contacts', () => {
    it('listRequests: incoming pending to me and outgoing from me, newest first, paged by cursor', async () => {
      const names = ['alice', 'carol', 'david', 'erin', 'frank'];
      const bobby = await ctx.fx.account('bobby');
      const senders = await Promise.all(names.map((n) => ctx.fx.account(n)));
      const reqs = [];
      for (const [i, s] of senders.entries()) reqs.push(await ctx.fx.pending(s, bobby, T0 + i * 1000));
      const gone = await ctx.fx.account('gone-user');
      const withdrawn = await ctx.fx.pending(gone, bobby, T0 + 10_000);
      await ctx.fx.decide(withdrawn.id, gone, 'withdraw', T0 + 10_001);
      const now = T0 + 20_000;

      const pages = await allPages(2, (cursor) =>
        ctx.fx.store.listRequests({ accountId: bobby.id, direction: 'incoming', now, limit: 2, cursor }),
      );
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((r) => r.id)).toEqual(reqs.map((r) => r.id).reverse());

      const out = await ctx.fx.store.listRequests({
        accountId: senders[0]!.id,
        direction: 'outgoing',
        now,
        limit: 10,
      });
      expect(out).toEqual({ items: [reqs[0]], nextCursor: null });
      const none = await ctx.fx.store.listRequests({
        accountId: bobby.id,
        direction: 'outgoing',
        now,
        limit: 10,
      });
      expect(none).toEqual({ items: [], nextCursor: null });
    });

    it('listRequests outgoing pages too and leaves out accepted and withdrawn requests', async () => {
      const alice = await ctx.fx.account('alice');
      const others = await Promise.all(
        ['bobby', 'carol', 'david', 'erin', 'frank'].map((n) => ctx.fx.account(n)),
      );
      const reqs = [];
      for (const [i, o] of others.entries()) reqs.push(await ctx.fx.pending(alice, o, T0 + i));
      await ctx.fx.decide(reqs[1]!.id, others[1]!, 'accept', T0 + 10);
      await ctx.fx.decide(reqs[3]!.id, alice, 'withdraw', T0 + 10);
      await ctx.fx.decide(reqs[4]!.id, others[4]!, 'decline', T0 + 10);
      const pages = await allPages(1, (cursor) =>
        ctx.fx.store.listRequests({
          accountId: alice.id,
          direction: 'outgoing',
          now: T0 + 20,
          limit: 1,
          cursor,
        }),
      );
      expect(pages.flat().map((r) => r.id)).toEqual([reqs[4]!.id, reqs[2]!.id, reqs[0]!.id]);
    });

    it('listContacts: both sides, newest first, paged by cursor', async () => {
      const alice = await ctx.fx.account('alice');
      const others = await Promise.all(
        ['bobby', 'carol', 'david', 'erin', 'frank'].map((n) => ctx.fx.account(n)),
      );
      for (const [i, o] of others.entries()) {
        if (i % 2 === 0) await ctx.fx.makeContacts(alice, o, T0 + i * 100);
        else await ctx.fx.makeContacts(o, alice, T0 + i * 100);
      }
      const pages = await allPages(2, (cursor) =>
        ctx.fx.store.listContacts({ accountId: alice.id, limit: 2, cursor }),
      );
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((c) => [c.account.handle, c.since])).toEqual(
        others.map((o, i) => [o.handle, T0 + i * 100]).reverse(),
      );
      for (const o of others) {
        const theirs = await ctx.fx.store.listContacts({ accountId: o.id, limit: 10 });
        expect(theirs.items.map((c) => c.account.id)).toEqual([alice.id]);
      }
    });

    it('removeContact removes both sides silently; a repeat gives NOT_CONTACTS; they may ask again', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      await ctx.fx.makeContacts(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const res = await ctx.fx.store.removeContact({ actorId: bobby!.id, otherId: alice!.id, now: T0 + 1 });
      expect(res).toEqual({ ok: true, value: { removed: true } });
      expect((await ctx.fx.store.listContacts({ accountId: alice!.id, limit: 10 })).items).toEqual([]);
      expect((await ctx.fx.store.listContacts({ accountId: bobby!.id, limit: 10 })).items).toEqual([]);
      for (const [a, b] of [
        [alice!, bobby!],
        [bobby!, alice!],
      ] as const) {
        const again = await ctx.fx.store.removeContact({ actorId: a.id, otherId: b.id, now: T0 + 2 });
        expect(again).toEqual({ ok: false, error: { code: 'NOT_CONTACTS' } });
      }
      expect(await ctx.fx.drain(T0 + 2)).toEqual([]);
      const asked = await ctx.fx.send(alice!, bobby!, T0 + 3);
      expect(asked.ok && asked.value.status).toBe('sent');
    });

    it('relationship: contacts, the latest request each way in any state, and blocks', async () => {
      const [alice, bobby, carol] = await ctx.fx.accounts('alice', 'bobby', 'carol');
      expect(await ctx.fx.store.relationship(alice!.id, bobby!.id)).toEqual({
        areContacts: false,
        outgoing: null,
        incoming: null,
        aBlocksB: false,
      });
      const first = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.decide(first.id, alice!, 'withdraw', T0 + 1);
      const second = await ctx.fx.pending(alice!, bobby!, T0 + 1 + 7 * 24 * 3_600_000);
      const ab = await ctx.fx.store.relationship(alice!.id, bobby!.id);
      expect(ab).toMatchObject({
        areContacts: false,
        outgoing: { id: second.id, state: 'pending' },
        incoming: null,
      });
      const ba = await ctx.fx.store.relationship(bobby!.id, alice!.id);
      expect(ba).toMatchObject({ outgoing: null, incoming: { id: second.id } });

      const toCarol = await ctx.fx.pending(carol!, alice!, T0);
      await ctx.fx.decide(toCarol.id, alice!, 'accept', T0 + 5);
      const ac = await ctx.fx.store.relationship(alice!.id, carol!.id);
      expect(ac).toMatchObject({
        areContacts: true,
        outgoing: null,
        incoming: { id: toCarol.id, state: 'accepted' },
      });
      await ctx.fx.store.blockAccount({ actorId: alice!.id, otherId: carol!.id, now: T0 + 6 });
      expect(await ctx.fx.store.relationship(alice!.id, carol!.id)).toMatchObject({
        areContacts: false,
        aBlocksB: true,
      });
      expect((await ctx.fx.store.relationship(carol!.id, alice!.id)).aBlocksB).toBe(false);
    });
  });
}
