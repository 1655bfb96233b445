import { describe, expect, it } from 'vitest';
import { outboxItemSchema } from '../../../src/core/events.js';
import { T0 } from '../../helpers/clock.js';
import type { ContractContext } from './support.js';

/** The outbox: appended with each transition, leased to one worker at a time, in order per recipient. */
export function outboxContract(ctx: ContractContext): void {
  describe('outbox', () => {
    const claim = (owner: string, now: number, leaseMs = 1000, limit = 10) =>
      ctx.fx.store.claimOutbox({ owner, now, leaseMs, limit });

    /** Three events: two for bobby (at T0, T0+1) and one for carol (at T0+2). */
    const seed = async () => {
      const [alice, bobby, carol] = await ctx.fx.accounts('alice', 'bobby', 'carol');
      const r1 = await ctx.fx.pending(alice!, bobby!, T0);
      const r2 = await ctx.fx.pending(carol!, bobby!, T0 + 1);
      const r3 = await ctx.fx.pending(alice!, carol!, T0 + 2);
      return { alice: alice!, bobby: bobby!, carol: carol!, r1, r2, r3 };
    };

    it('starts empty', async () => {
      expect(await ctx.fx.store.outboxStats(T0)).toEqual({ depth: 0, oldestAgeMs: 0, dead: 0 });
      expect(await claim('w1', T0)).toEqual([]);
      expect(await ctx.fx.store.ackOutbox({ eventId: 'evt_nobody', owner: 'w1' })).toBe(false);
    });

    it('appends the event with the transition, and nothing for a refused action', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      expect((await ctx.fx.store.outboxStats(T0)).depth).toBe(1);
      const refused = [
        () => ctx.fx.send(alice!, alice!, T0 + 1),
        () => ctx.fx.send(alice!, bobby!, T0 + 1),
        () => ctx.fx.decide(req.id, alice!, 'accept', T0 + 1),
        () => ctx.fx.decide(req.id, bobby!, 'withdraw', T0 + 1),
        () => ctx.fx.decide('req_nobody', bobby!, 'accept', T0 + 1),
        () => ctx.fx.store.removeContact({ actorId: alice!.id, otherId: bobby!.id, now: T0 + 1 }),
      ];
      for (const act of refused) {
        await act();
        expect((await ctx.fx.store.outboxStats(T0 + 1)).depth).toBe(1);
      }
      expect((await ctx.fx.decide(req.id, bobby!, 'accept', T0 + 2)).ok).toBe(true);
      await ctx.fx.decide(req.id, bobby!, 'decline', T0 + 3);
      expect((await ctx.fx.store.outboxStats(T0 + 3)).depth).toBe(2);
    });

    it('claims well-formed items with a lease; a second claim before expiry gets nothing for them', async () => {
      const s = await seed();
      const items = await claim('w1', T0 + 10, 1000);
      expect(items.map((i) => outboxItemSchema.parse(i))).toEqual(items);
      expect(items.map((i) => [i.event.recipientId, i.event.requestId])).toEqual([
        [s.bobby.id, s.r1.id],
        [s.carol.id, s.r3.id],
      ]);
      expect(items[0]).toMatchObject({
        event: { type: 'request_received', actorId: s.alice.id, at: T0 },
        attempts: 0,
        leaseUntil: T0 + 1010,
        lastError: null,
        maybeSent: false,
      });
      expect(await claim('w2', T0 + 500)).toEqual([]);
      expect(await claim('w2', T0 + 1009)).toEqual([]);
      expect((await ctx.fx.store.outboxStats(T0 + 10)).depth).toBe(3);
    });

    it('keeps per-recipient order: only the oldest item of a recipient is claimable', async () => {
      const s = await seed();
      const first = await claim('w1', T0 + 10, 1000, 1);
      expect(first.map((i) => i.event.requestId)).toEqual([s.r1.id]);
      const second = await claim('w1', T0 + 10);
      expect(second.map((i) => i.event.requestId)).toEqual([s.r3.id]);
      expect(await claim('w1', T0 + 10)).toEqual([]);
      expect(await ctx.fx.store.ackOutbox({ eventId: first[0]!.event.id, owner: 'w1' })).toBe(true);
      const next = await claim('w1', T0 + 11);
      expect(next.map((i) => [i.event.recipientId, i.event.requestId])).toEqual([[s.bobby.id, s.r2.id]]);
    });

    it('lease expiry makes an item claimable by another owner; the old owner can no longer ack it', async () => {
      const s = await seed();
      const [item] = await claim('w1', T0 + 10, 1000, 1);
      expect(item?.event.requestId).toBe(s.r1.id);
      const taken = await claim('w2', T0 + 1011, 1000, 1);
      expect(taken.map((i) => i.event.id)).toEqual([item!.event.id]);
      expect(taken[0]?.leaseUntil).toBe(T0 + 2011);
      expect(await ctx.fx.store.ackOutbox({ eventId: item!.event.id, owner: 'w1' })).toBe(false);
      expect(await ctx.fx.store.ackOutbox({ eventId: item!.event.id, owner: 'w2' })).toBe(true);
      expect(await ctx.fx.store.ackOutbox({ eventId: item!.event.id, owner: 'w2' })).toBe(false);
      expect((await ctx.fx.store.outboxStats(T0 + 1011)).depth).toBe(2);
    });

    it('ackOutbox removes the item for its owner only', async () => {
      await seed();
      const [item] = await claim('w1', T0 + 10, 1000, 1);
      expect(await ctx.fx.store.ackOutbox({ eventId: item!.event.id, owner: 'w2' })).toBe(false);
      expect((await ctx.fx.store.outboxStats(T0 + 10)).depth).toBe(3);
      expect(await ctx.fx.store.ackOutbox({ eventId: item!.event.id, owner: 'w1' })).toBe(true);
      expect((await ctx.fx.store.outboxStats(T0 + 10)).depth).toBe(2);
    });

    it('failOutbox with retryAt delays the item (and its recipient’s later items) until then', async () => {
      const s = await seed();
      const [item] = await claim('w1', T0 + 10, 1000, 1);
      const fail = { eventId: item!.event.id, retryAt: T0 + 5000, error: 'boom', dead: false };
      expect(await ctx.fx.store.failOutbox({ ...fail, owner: 'w2' })).toBe(false);
      expect(await ctx.fx.store.failOutbox({ ...fail, owner: 'w1' })).toBe(true);
      const early = await claim('w1', T0 + 4999, 1000);
      expect(early.map((i) => i.event.requestId)).toEqual([s.r3.id]);
      const due = await claim('w2', T0 + 5000, 1000);
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({ event: { id: item!.event.id }, attempts: 1, lastError: 'boom' });
      expect((await ctx.fx.store.outboxStats(T0 + 5000)).depth).toBe(3);
    });

    it('failOutbox with dead:true takes it out of depth, counts it dead, and unblocks the recipient', async () => {
      const s = await seed();
      const [item] = await claim('w1', T0 + 10, 1000, 1);
      const dead = { eventId: item!.event.id, owner: 'w1', retryAt: T0 + 10, error: 'gone', dead: true };
      expect(await ctx.fx.store.failOutbox(dead)).toBe(true);
      expect(await ctx.fx.store.outboxStats(T0 + 10)).toEqual({ depth: 2, oldestAgeMs: 9, dead: 1 });
      const next = await claim('w1', T0 + 11, 1000, 1);
      expect(next.map((i) => i.event.requestId)).toEqual([s.r2.id]);
      expect(await ctx.fx.store.ackOutbox({ eventId: item!.event.id, owner: 'w1' })).toBe(false);
    });

    it('maybeSent: set by a lease that ran out unacked or an unknown outcome, and kept; a refusal alone leaves it unset', async () => {
      const s = await seed();
      const [item] = await claim('w1', T0 + 10, 1000, 1);
      expect(item?.maybeSent).toBe(false);
      // A definite refusal (nothing sent): retried without the mark.
      await ctx.fx.store.failOutbox({
        eventId: item!.event.id,
        owner: 'w1',
        retryAt: T0 + 20,
        error: 'rate_limited',
        dead: false,
      });
      const [again] = await claim('w1', T0 + 20, 1000, 1);
      expect(again).toMatchObject({ event: { id: item!.event.id }, maybeSent: false, attempts: 1 });
      // The lease runs out with neither ack nor retry (a crash mid-send): the next claim is marked.
      const [taken] = await claim('w2', T0 + 1021, 1000, 1);
      expect(taken).toMatchObject({ event: { id: item!.event.id }, maybeSent: true });
      // A retry after that keeps the mark, however it ended.
      await ctx.fx.store.failOutbox({
        eventId: item!.event.id,
        owner: 'w2',
        retryAt: T0 + 1030,
        error: 'rate_limited',
        dead: false,
      });
      expect((await claim('w1', T0 + 1030, 1000, 1))[0]).toMatchObject({
        event: { id: item!.event.id },
        maybeSent: true,
      });
      // An unknown outcome marks an item that was never leased past its time.
      const [carols] = await claim('w1', T0 + 1030, 1000, 5);
      expect(carols).toMatchObject({ event: { requestId: s.r3.id }, maybeSent: false });
      await ctx.fx.store.failOutbox({
        eventId: carols!.event.id,
        owner: 'w1',
        retryAt: T0 + 1040,
        error: 'http_503',
        dead: false,
        maybeSent: true,
      });
      expect((await claim('w1', T0 + 1040, 1000, 5)).map((i) => [i.event.id, i.maybeSent])).toEqual([
        [carols!.event.id, true],
      ]);
    });

    it('ackOutboxMany acks many items in one call, only those the owner still holds', async () => {
      const s = await seed();
      const items = await claim('w1', T0 + 10, 1000);
      expect(items).toHaveLength(2);
      expect(await ctx.fx.store.ackOutboxMany({ eventIds: [], owner: 'w1' })).toBe(0);
      const ids = [...items.map((i) => i.event.id), 'evt_nobody'];
      expect(await ctx.fx.store.ackOutboxMany({ eventIds: ids, owner: 'w2' })).toBe(0);
      expect(await ctx.fx.store.ackOutboxMany({ eventIds: ids, owner: 'w1' })).toBe(2);
      expect(await ctx.fx.store.ackOutboxMany({ eventIds: ids, owner: 'w1' })).toBe(0);
      // bobby's next item is his head now
      expect((await claim('w1', T0 + 11)).map((i) => i.event.requestId)).toEqual([s.r2.id]);
      expect((await ctx.fx.store.outboxStats(T0 + 11)).depth).toBe(1);
    });

    it('outboxStats: depth counts waiting and leased items; oldestAgeMs is the age of the oldest', async () => {
      await seed();
      expect(await ctx.fx.store.outboxStats(T0 + 1000)).toEqual({ depth: 3, oldestAgeMs: 1000, dead: 0 });
      const items = await claim('w1', T0 + 1000);
      expect(await ctx.fx.store.outboxStats(T0 + 1000)).toEqual({ depth: 3, oldestAgeMs: 1000, dead: 0 });
      for (const i of items) await ctx.fx.store.ackOutbox({ eventId: i.event.id, owner: 'w1' });
      expect(await ctx.fx.store.outboxStats(T0 + 2000)).toEqual({ depth: 1, oldestAgeMs: 1999, dead: 0 });
    });
  });
}
