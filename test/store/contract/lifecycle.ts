import { describe, expect, it } from 'vitest';
import { POLICY } from '../../../src/core/policy.js';
import { T0 } from '../../helpers/clock.js';
import { brief, type ContractContext, DAY } from './support.js';

const EXPIRES = POLICY.request.expiresAfterMs;
const REMIND = POLICY.request.reminderAfterMs;
const COOLDOWN = POLICY.request.withdrawCooldownMs;

/** Blocks, and the time-driven rules: cooldown, rate limit, reminder and expiry. */
export function lifecycleContract(ctx: ContractContext): void {
  describe('blocks', () => {
    const incoming = (accountId: string, now: number) =>
      ctx.fx.store.listRequests({ accountId, direction: 'incoming', now, limit: 50 });

    it('block as a decision: silent, request declined, later requests never reach the blocker', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const res = await ctx.fx.decide(req.id, bobby!, 'block', T0 + 1);
      expect(res.ok && res.value.request.state).toBe('declined');
      expect((await ctx.fx.store.relationship(bobby!.id, alice!.id)).aBlocksB).toBe(true);
      expect((await ctx.fx.store.relationship(alice!.id, bobby!.id)).aBlocksB).toBe(false);
      expect(await ctx.fx.drain(T0 + 1)).toEqual([]);
      // Still pending as alice sees it, until it expires; then a new one is 'sent' but swallowed.
      const repeat = await ctx.fx.send(alice!, bobby!, T0 + 2);
      expect(repeat.ok && repeat.value.status).toBe('already_pending');
      const later = T0 + EXPIRES + 1;
      const fresh = await ctx.fx.send(alice!, bobby!, later);
      expect(fresh.ok && fresh.value).toMatchObject({ status: 'sent', request: { state: 'pending' } });
      expect((await incoming(bobby!.id, later)).items).toEqual([]);
      expect(await ctx.fx.drain(later)).toEqual([]);
    });

    it('blockAccount: silent, removes the contact, swallows later requests, reports alreadyBlocked', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      await ctx.fx.makeContacts(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      expect(
        await ctx.fx.store.blockAccount({ actorId: bobby!.id, otherId: alice!.id, now: T0 + 1 }),
      ).toEqual({
        ok: true,
        value: { alreadyBlocked: false },
      });
      expect(
        await ctx.fx.store.blockAccount({ actorId: bobby!.id, otherId: alice!.id, now: T0 + 2 }),
      ).toEqual({
        ok: true,
        value: { alreadyBlocked: true },
      });
      expect((await ctx.fx.store.relationship(alice!.id, bobby!.id)).areContacts).toBe(false);
      expect((await ctx.fx.store.listContacts({ accountId: alice!.id, limit: 10 })).items).toEqual([]);
      expect((await ctx.fx.store.listContacts({ accountId: bobby!.id, limit: 10 })).items).toEqual([]);

      const sent = await ctx.fx.send(alice!, bobby!, T0 + 3, { note: 'please' });
      expect(sent.ok && sent.value).toMatchObject({ status: 'sent', request: { state: 'pending' } });
      expect((await incoming(bobby!.id, T0 + 3)).items).toEqual([]);
      const out = await ctx.fx.store.listRequests({
        accountId: alice!.id,
        direction: 'outgoing',
        now: T0 + 3,
        limit: 10,
      });
      expect(out.items.map((r) => r.id)).toEqual([sent.ok ? sent.value.request.id : '']);
      expect(await ctx.fx.drain(T0 + 3)).toEqual([]);
      expect(await ctx.fx.store.blockAccount({ actorId: alice!.id, otherId: alice!.id, now: T0 })).toEqual({
        ok: false,
        error: { code: 'OWN_LINK' },
      });
    });

    it('blockAccount quietly declines their open request', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      await ctx.fx.store.blockAccount({ actorId: bobby!.id, otherId: alice!.id, now: T0 + 1 });
      expect((await ctx.fx.store.getRequest(req.id))?.state).toBe('declined');
      expect((await incoming(bobby!.id, T0 + 1)).items).toEqual([]);
      expect(await ctx.fx.drain(T0 + 1)).toEqual([]);
    });

    it('the blocker asking the blocked person lifts the block', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      await ctx.fx.store.blockAccount({ actorId: bobby!.id, otherId: alice!.id, now: T0 });
      const res = await ctx.fx.send(bobby!, alice!, T0 + 1);
      expect(res.ok && res.value.status).toBe('sent');
      expect((await ctx.fx.store.relationship(bobby!.id, alice!.id)).aBlocksB).toBe(false);
      expect((await ctx.fx.drain(T0 + 1)).map((e) => e.recipientId)).toEqual([alice!.id]);
    });
  });

  describe('cooldown and rate limit', () => {
    it('after a withdrawal: WITHDRAW_COOLDOWN with retryAfterMs for 7 days, then allowed', async () => {
      const [alice, bobby, carol] = await ctx.fx.accounts('alice', 'bobby', 'carol');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      expect((await ctx.fx.decide(req.id, alice!, 'withdraw', T0 + 100)).ok).toBe(true);
      const early = await ctx.fx.send(alice!, bobby!, T0 + 1100);
      expect(early).toEqual({
        ok: false,
        error: { code: 'WITHDRAW_COOLDOWN', retryAfterMs: COOLDOWN - 1000 },
      });
      expect((await ctx.fx.send(alice!, carol!, T0 + 1100)).ok).toBe(true);
      const later = await ctx.fx.send(alice!, bobby!, T0 + 100 + COOLDOWN);
      expect(later.ok && later.value.status).toBe('sent');
    });

    it('the 51st new request within 24 h gives RATE_LIMITED with retryAfterMs; allowed after the window', async () => {
      const max = POLICY.request.maxNewPerWindow;
      const alice = await ctx.fx.account('alice');
      const others = await Promise.all(
        Array.from({ length: max + 2 }, (_, i) => ctx.fx.account(`user-${String(i).padStart(3, '0')}`)),
      );
      for (let i = 0; i < max; i++) {
        const res = await ctx.fx.send(alice, others[i]!, T0 + i);
        expect(res.ok && res.value.status).toBe('sent');
      }
      const at = T0 + 10_000;
      const limited = await ctx.fx.send(alice, others[max]!, at);
      expect(limited).toEqual({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: T0 + DAY - at } });
      expect((await ctx.fx.store.relationship(alice.id, others[max]!.id)).outgoing).toBeNull();
      // Repeats of open requests and other people's requests are not limited.
      expect((await ctx.fx.send(alice, others[0]!, at)).ok).toBe(true);
      expect((await ctx.fx.send(others[max]!, others[max + 1]!, at)).ok).toBe(true);
      // Once the oldest leaves the window, exactly one more fits.
      expect((await ctx.fx.send(alice, others[max]!, T0 + DAY)).ok).toBe(true);
      const next = await ctx.fx.send(alice, others[max + 1]!, T0 + DAY);
      expect(next).toEqual({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: 1 } });
    });
  });

  describe('reminder and expiry', () => {
    it('deciding past 30 days gives ALREADY_DECIDED expired, with exactly one request_expired overall', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const at = T0 + EXPIRES;
      for (const [actor, action] of [
        [bobby!, 'accept'],
        [alice!, 'withdraw'],
      ] as const) {
        const res = await ctx.fx.decide(req.id, actor, action, at);
        expect(res.ok === false && res.error).toMatchObject({ code: 'ALREADY_DECIDED', state: 'expired' });
      }
      expect((await ctx.fx.store.relationship(alice!.id, bobby!.id)).areContacts).toBe(false);
      await ctx.fx.store.sweepRequests({ now: at + 1, limit: 100, newId: ctx.fx.newId });
      expect(brief(await ctx.fx.drain(at + 1))).toEqual([
        { type: 'request_expired', recipientId: bobby!.id, requestId: req.id },
      ]);
      expect((await ctx.fx.store.getRequest(req.id))?.state).toBe('expired');
    });

    it('sweepRequests reminds exactly once after 7 days, and expires after 30 with request_expired', async () => {
      const [alice, bobby, carol] = await ctx.fx.accounts('alice', 'bobby', 'carol');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      const declined = await ctx.fx.pending(carol!, bobby!, T0);
      await ctx.fx.decide(declined.id, bobby!, 'decline', T0);
      await ctx.fx.drain(T0);
      const sweep = (now: number) => ctx.fx.store.sweepRequests({ now, limit: 100, newId: ctx.fx.newId });

      expect(await sweep(T0 + REMIND - 1)).toEqual({ expired: 0, reminded: 0 });
      expect(await sweep(T0 + REMIND)).toEqual({ expired: 0, reminded: 1 });
      expect(brief(await ctx.fx.drain(T0 + REMIND))).toEqual([
        { type: 'request_reminder', recipientId: bobby!.id, requestId: req.id },
      ]);
      expect((await ctx.fx.store.getRequest(req.id))?.remindedAt).toBe(T0 + REMIND);
      expect(await sweep(T0 + REMIND + DAY)).toEqual({ expired: 0, reminded: 0 });
      expect(await sweep(T0 + EXPIRES - 1)).toEqual({ expired: 0, reminded: 0 });
      expect(await ctx.fx.drain(T0 + EXPIRES - 1)).toEqual([]);

      expect(await sweep(T0 + EXPIRES)).toEqual({ expired: 1, reminded: 0 });
      expect(brief(await ctx.fx.drain(T0 + EXPIRES))).toEqual([
        { type: 'request_expired', recipientId: bobby!.id, requestId: req.id },
      ]);
      expect((await ctx.fx.store.getRequest(req.id))?.state).toBe('expired');
      expect(await sweep(T0 + EXPIRES + DAY)).toEqual({ expired: 0, reminded: 0 });
      expect(await ctx.fx.drain(T0 + EXPIRES + DAY)).toEqual([]);
    });

    it('a request expired unseen goes straight to expiry without a reminder; limit bounds one sweep', async () => {
      const [alice, bobby, carol, david] = await ctx.fx.accounts('alice', 'bobby', 'carol', 'david');
      for (const from of [alice!, carol!, david!]) await ctx.fx.pending(from, bobby!, T0);
      await ctx.fx.drain(T0);
      const first = await ctx.fx.store.sweepRequests({ now: T0 + EXPIRES, limit: 2, newId: ctx.fx.newId });
      expect(first).toEqual({ expired: 2, reminded: 0 });
      const rest = await ctx.fx.store.sweepRequests({ now: T0 + EXPIRES, limit: 2, newId: ctx.fx.newId });
      expect(rest).toEqual({ expired: 1, reminded: 0 });
      const events = await ctx.fx.drain(T0 + EXPIRES);
      expect(events.map((e) => e.type)).toEqual(['request_expired', 'request_expired', 'request_expired']);
    });

    it('expired requests leave the incoming and outgoing lists even before a sweep', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      await ctx.fx.pending(alice!, bobby!, T0);
      const at = T0 + EXPIRES;
      const list = (accountId: string, direction: 'incoming' | 'outgoing', now: number) =>
        ctx.fx.store.listRequests({ accountId, direction, now, limit: 10 });
      expect((await list(bobby!.id, 'incoming', at - 1)).items).toHaveLength(1);
      expect((await list(alice!.id, 'outgoing', at - 1)).items).toHaveLength(1);
      expect((await list(bobby!.id, 'incoming', at)).items).toEqual([]);
      expect((await list(alice!.id, 'outgoing', at)).items).toEqual([]);
      const again = await ctx.fx.send(alice!, bobby!, at);
      expect(again.ok && again.value.status).toBe('sent');
    });

    it('expireIncomingRequests (the recipient left): pending requests to them expire now, each with request_expired; others stay', async () => {
      const [alice, bobby, carol, david, erin] = await ctx.fx.accounts(
        'alice',
        'bobby',
        'carol',
        'david',
        'erin',
      );
      const toBobby = [
        await ctx.fx.pending(alice!, bobby!, T0),
        await ctx.fx.pending(carol!, bobby!, T0 + 1),
      ];
      const declined = await ctx.fx.pending(david!, bobby!, T0);
      await ctx.fx.decide(declined.id, bobby!, 'decline', T0);
      const fromBobby = await ctx.fx.pending(bobby!, erin!, T0);
      const toDavid = await ctx.fx.pending(alice!, david!, T0);
      await ctx.fx.drain(T0);
      const at = T0 + DAY;
      const expire = (limit: number) =>
        ctx.fx.store.expireIncomingRequests({ accountId: bobby!.id, now: at, limit, newId: ctx.fx.newId });

      expect(await expire(1)).toBe(1);
      expect(await expire(10)).toBe(1);
      expect(await expire(10)).toBe(0);
      for (const r of toBobby) {
        expect(await ctx.fx.store.getRequest(r.id)).toMatchObject({ state: 'expired', decidedAt: at });
      }
      expect((await ctx.fx.store.getRequest(declined.id))?.state).toBe('declined');
      expect((await ctx.fx.store.getRequest(fromBobby.id))?.state).toBe('pending');
      expect((await ctx.fx.store.getRequest(toDavid.id))?.state).toBe('pending');
      expect(brief(await ctx.fx.drain(at))).toEqual(
        expect.arrayContaining(
          toBobby.map((r) => ({ type: 'request_expired', recipientId: bobby!.id, requestId: r.id })),
        ),
      );
      expect(await ctx.fx.drain(at)).toEqual([]);
      const incoming = await ctx.fx.store.listRequests({
        accountId: bobby!.id,
        direction: 'incoming',
        now: at,
        limit: 10,
      });
      expect(incoming.items).toEqual([]);
      expect(
        await ctx.fx.store.sweepRequests({ now: T0 + EXPIRES, limit: 100, newId: ctx.fx.newId }),
      ).toEqual({
        expired: 2,
        reminded: 0,
      });
    });
  });
}
