import { describe, expect, it } from 'vitest';
import type { StorePort } from '../../../src/core/ports.js';
import type { Decision } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { slackIdentity } from '../../helpers/identities.js';
import type { ContractContext } from './support.js';

const CONNECTIONS = 4;

/**
 * Many parallel transitions must leave exactly one winner. When the store supports several
 * connections (`multiProcess`), the calls are spread over them.
 */
export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrency', () => {
    /** Round-robin over the store and its peers. */
    const on = (stores: StorePort[], i: number): StorePort => stores[i % stores.length]!;

    const count = <T>(items: T[], pred: (t: T) => boolean) => items.filter(pred).length;

    it('200 parallel recipient decisions on one request: one wins, 199 ALREADY_DECIDED, one final state', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const stores = await ctx.fx.handles(CONNECTIONS);
      const actions: Decision[] = ['decline', 'accept', 'block'];
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          on(stores, i).decideRequest({
            requestId: req.id,
            actorId: bobby!.id,
            action: actions[i % actions.length]!,
            now: T0 + 1,
            newId: ctx.fx.newId,
          }),
        ),
      );
      const winners = results.flatMap((r) => (r.ok ? [r.value.request.state] : []));
      expect(winners).toHaveLength(1);
      const final = winners[0]!;
      const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
      expect(losers).toHaveLength(199);
      for (const e of losers) expect(e).toMatchObject({ code: 'ALREADY_DECIDED', state: final });
      expect((await ctx.fx.store.getRequest(req.id))?.state).toBe(final);
      const events = await ctx.fx.drain(T0 + 1);
      expect(events.map((e) => e.type)).toEqual(final === 'accepted' ? ['request_accepted'] : []);
      expect((await ctx.fx.store.relationship(alice!.id, bobby!.id)).areContacts).toBe(final === 'accepted');
    });

    it('200 parallel accepts (recipient) and withdrawals (sender): exactly one ok and one event', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const stores = await ctx.fx.handles(CONNECTIONS);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const withdraw = i % 2 === 1;
          return on(stores, i).decideRequest({
            requestId: req.id,
            actorId: withdraw ? alice!.id : bobby!.id,
            action: withdraw ? 'withdraw' : 'accept',
            now: T0 + 1,
            newId: ctx.fx.newId,
          });
        }),
      );
      expect(count(results, (r) => r.ok)).toBe(1);
      const final = (await ctx.fx.store.getRequest(req.id))?.state;
      expect(['accepted', 'withdrawn']).toContain(final);
      for (const r of results) {
        if (!r.ok) expect(r.error).toMatchObject({ code: 'ALREADY_DECIDED', state: final });
      }
      const events = await ctx.fx.drain(T0 + 1);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject(
        final === 'accepted'
          ? { type: 'request_accepted', recipientId: alice!.id }
          : { type: 'request_withdrawn', recipientId: bobby!.id },
      );
    });

    it('100 parallel mutual requests A→B and B→A: one connection, symmetric contacts', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const stores = await ctx.fx.handles(CONNECTIONS);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const [from, to] = i % 2 === 0 ? [alice!, bobby!] : [bobby!, alice!];
          return on(stores, i).sendRequest(ctx.fx.sendCmd(from, to, T0 + 1));
        }),
      );
      const statuses = results.map((r) => (r.ok ? r.value.status : r.error.code));
      expect(count(statuses, (s) => s === 'sent')).toBe(1);
      expect(count(statuses, (s) => s === 'connected')).toBe(1);
      for (const s of statuses)
        expect(['sent', 'connected', 'already_pending', 'ALREADY_CONTACTS']).toContain(s);
      const ab = await ctx.fx.store.relationship(alice!.id, bobby!.id);
      const ba = await ctx.fx.store.relationship(bobby!.id, alice!.id);
      expect(ab.areContacts && ba.areContacts).toBe(true);
      const one = ab.outgoing ?? ab.incoming;
      expect(one?.state).toBe('accepted');
      expect(ab.outgoing && ab.incoming).toBeNull();
      const a = await ctx.fx.store.listContacts({ accountId: alice!.id, limit: 10 });
      const b = await ctx.fx.store.listContacts({ accountId: bobby!.id, limit: 10 });
      expect(a.items.map((c) => c.account.id)).toEqual([bobby!.id]);
      expect(b.items.map((c) => c.account.id)).toEqual([alice!.id]);
      const events = await ctx.fx.drain(T0 + 1);
      expect(events.map((e) => e.type).sort()).toEqual(['request_accepted', 'request_received']);
    });

    it('parallel registerAccount of the same identity gives one account', async () => {
      const stores = await ctx.fx.handles(CONNECTIONS);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          on(stores, i).registerAccount({
            id: ctx.fx.id('acc'),
            identity: slackIdentity('U_SAME'),
            displayName: 'Same Person',
            locale: 'en',
            handleCandidates: [`same-${i}`, 'same-person'],
            now: T0,
          }),
        ),
      );
      const ids = new Set(results.map((r) => (r.ok ? r.value.account.id : r.error.code)));
      expect(ids.size).toBe(1);
      expect(count(results, (r) => r.ok && r.value.created)).toBe(1);
      const account = await ctx.fx.store.getAccountByIdentity(slackIdentity('U_SAME'));
      expect(account && ids.has(account.id)).toBe(true);
      const handles = await Promise.all(
        Array.from({ length: 50 }, (_, i) => ctx.fx.store.resolveHandle(`same-${i}`, T0)),
      );
      expect(handles.filter((h) => h !== null)).toHaveLength(1);
    });

    it('parallel registerAccount of different people for the same handle: each handle has one owner', async () => {
      const stores = await ctx.fx.handles(CONNECTIONS);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          on(stores, i).registerAccount({
            id: ctx.fx.id('acc'),
            identity: slackIdentity(`U_${i}`),
            displayName: 'Popular',
            locale: 'en',
            handleCandidates: ['popular', `popular-${i}`],
            now: T0,
          }),
        ),
      );
      const handles = results.map((r) => (r.ok ? r.value.account.handle.toLowerCase() : r.error.code));
      expect(new Set(handles).size).toBe(20);
      expect(count(handles, (h) => h === 'popular')).toBe(1);
    });

    it('parallel changeHandle of many accounts to the same handle: exactly one wins', async () => {
      const names = Array.from({ length: 15 }, (_, i) => `person-${i}`);
      const people = await ctx.fx.accounts(...names);
      const stores = await ctx.fx.handles(CONNECTIONS);
      const cases = ['Wanted', 'wanted', 'WANTED'];
      const results = await Promise.all(
        people.map((p, i) =>
          on(stores, i).changeHandle({ accountId: p.id, handle: cases[i % cases.length]!, now: T0 + 1 }),
        ),
      );
      expect(count(results, (r) => r.ok)).toBe(1);
      const winner = results.find((r) => r.ok);
      const owner = await ctx.fx.store.resolveHandle('wanted', T0 + 1);
      expect(owner?.via).toBe('handle');
      expect(winner?.ok && winner.value.account.id).toBe(owner?.account.id);
      for (const r of results) {
        if (!r.ok) expect(r.error).toEqual({ code: 'HANDLE_TAKEN' });
      }
    });
  });
}
