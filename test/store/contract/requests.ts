import { describe, expect, it } from 'vitest';
import { POLICY } from '../../../src/core/policy.js';
import { stateSeenBy } from '../../../src/core/rules.js';
import { connectionRequestSchema } from '../../../src/core/types.js';
import { T0 } from '../../helpers/clock.js';
import { brief, type ContractContext } from './support.js';

/** Sending, deciding and the silent paths (decline, block). Time-driven rules are in lifecycle.ts. */
export function requestsContract(ctx: ContractContext): void {
  describe('requests', () => {
    it('sends: pending request + request_received for the recipient', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const res = await ctx.fx.send(alice!, bobby!, T0, {
        note: 'Hi! 👋',
        source: 'mention',
        context: '#general',
      });
      expect(res.ok && res.value.status).toBe('sent');
      if (!res.ok) return;
      const req = res.value.request;
      expect(connectionRequestSchema.parse(req)).toEqual(req);
      expect(req).toMatchObject({
        senderId: alice!.id,
        recipientId: bobby!.id,
        state: 'pending',
        note: 'Hi! 👋',
        source: 'mention',
        context: '#general',
        createdAt: T0,
        expiresAt: T0 + POLICY.request.expiresAfterMs,
        decidedAt: null,
        remindedAt: null,
      });
      expect(await ctx.fx.store.getRequest(req.id)).toEqual(req);
      expect(brief(await ctx.fx.drain(T0))).toEqual([
        { type: 'request_received', recipientId: bobby!.id, requestId: req.id },
      ]);
    });

    it('OWN_LINK for yourself, ALREADY_CONTACTS for a contact, NOT_FOUND for a stranger; nothing stored', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      await ctx.fx.makeContacts(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const own = ctx.fx.sendCmd(alice!, alice!, T0 + 1);
      expect(await ctx.fx.store.sendRequest(own)).toEqual({ ok: false, error: { code: 'OWN_LINK' } });
      expect(await ctx.fx.store.getRequest(own.requestId)).toBeNull();
      for (const [from, to] of [
        [alice!, bobby!],
        [bobby!, alice!],
      ] as const) {
        const cmd = ctx.fx.sendCmd(from, to, T0 + 1);
        expect(await ctx.fx.store.sendRequest(cmd)).toEqual({
          ok: false,
          error: { code: 'ALREADY_CONTACTS' },
        });
        expect(await ctx.fx.store.getRequest(cmd.requestId)).toBeNull();
      }
      const ghost = await ctx.fx.send(alice!, 'acc_nobody', T0 + 1);
      expect(ghost).toEqual({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await ctx.fx.drain(T0 + 1)).toEqual([]);
    });

    it('same direction twice: already_pending with the same request, no second event', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const first = await ctx.fx.pending(alice!, bobby!, T0);
      const again = await ctx.fx.send(alice!, bobby!, T0 + 1000, { note: 'again?' });
      expect(again.ok && again.value.status).toBe('already_pending');
      expect(again.ok && again.value.request).toMatchObject({ id: first.id, state: 'pending', note: null });
      expect((await ctx.fx.drain(T0 + 1000)).map((e) => e.type)).toEqual(['request_received']);
    });

    it('opposite direction connects both at once; request_accepted goes to the original sender', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const first = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const back = await ctx.fx.send(bobby!, alice!, T0 + 5);
      expect(back.ok && back.value.status).toBe('connected');
      expect(back.ok && back.value.request).toMatchObject({
        id: first.id,
        state: 'accepted',
        decidedAt: T0 + 5,
      });
      expect((await ctx.fx.store.getRequest(first.id))?.state).toBe('accepted');
      expect((await ctx.fx.store.relationship(alice!.id, bobby!.id)).areContacts).toBe(true);
      expect((await ctx.fx.store.relationship(bobby!.id, alice!.id)).areContacts).toBe(true);
      expect(brief(await ctx.fx.drain(T0 + 5))).toEqual([
        { type: 'request_accepted', recipientId: alice!.id, requestId: first.id },
      ]);
    });

    it('accept: symmetric contacts and request_accepted to the sender', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const res = await ctx.fx.decide(req.id, bobby!, 'accept', T0 + 10);
      expect(res.ok && res.value.request).toMatchObject({
        id: req.id,
        state: 'accepted',
        decidedAt: T0 + 10,
      });
      // The other party comes back with the decision, as they are now.
      expect(res.ok && res.value.other).toEqual(alice);
      const a = await ctx.fx.store.listContacts({ accountId: alice!.id, limit: 10 });
      const b = await ctx.fx.store.listContacts({ accountId: bobby!.id, limit: 10 });
      expect(a.items.map((c) => [c.account.id, c.since])).toEqual([[bobby!.id, T0 + 10]]);
      expect(b.items.map((c) => [c.account.id, c.since])).toEqual([[alice!.id, T0 + 10]]);
      expect(brief(await ctx.fx.drain(T0 + 10))).toEqual([
        { type: 'request_accepted', recipientId: alice!.id, requestId: req.id },
      ]);
    });

    it('NOT_YOURS for accept/decline/block by a non-recipient and withdraw by a non-sender; nothing changes', async () => {
      const [alice, bobby, carol] = await ctx.fx.accounts('alice', 'bobby', 'carol');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const attempts = [
        [alice!, 'accept'],
        [alice!, 'decline'],
        [alice!, 'block'],
        [carol!, 'accept'],
        [carol!, 'decline'],
        [carol!, 'block'],
        [carol!, 'withdraw'],
        [bobby!, 'withdraw'],
      ] as const;
      for (const [actor, action] of attempts) {
        expect(await ctx.fx.decide(req.id, actor, action, T0 + 1)).toEqual({
          ok: false,
          error: { code: 'NOT_YOURS' },
        });
      }
      expect(await ctx.fx.store.getRequest(req.id)).toEqual(req);
      expect((await ctx.fx.store.relationship(bobby!.id, alice!.id)).aBlocksB).toBe(false);
      expect((await ctx.fx.store.relationship(carol!.id, alice!.id)).aBlocksB).toBe(false);
      expect(await ctx.fx.drain(T0 + 1)).toEqual([]);
      expect(await ctx.fx.decide('req_nobody', bobby!, 'accept', T0)).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    });

    it('ALREADY_DECIDED with the final state on a second decision', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      expect((await ctx.fx.decide(req.id, bobby!, 'accept', T0 + 1)).ok).toBe(true);
      await ctx.fx.drain(T0 + 1);
      for (const [actor, action] of [
        [bobby!, 'accept'],
        [bobby!, 'decline'],
        [bobby!, 'block'],
        [alice!, 'withdraw'],
      ] as const) {
        const res = await ctx.fx.decide(req.id, actor, action, T0 + 2);
        expect(res.ok).toBe(false);
        if (res.ok) return;
        expect(res.error).toMatchObject({ code: 'ALREADY_DECIDED', state: 'accepted' });
        if (res.error.code === 'ALREADY_DECIDED') expect(res.error.request.id).toBe(req.id);
      }
      expect(await ctx.fx.drain(T0 + 2)).toEqual([]);
    });

    it('withdraw: request_withdrawn to the recipient; recipient no longer sees it', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const res = await ctx.fx.decide(req.id, alice!, 'withdraw', T0 + 1);
      expect(res.ok && res.value.request.state).toBe('withdrawn');
      expect(res.ok && res.value.other?.id).toBe(bobby!.id);
      expect(brief(await ctx.fx.drain(T0 + 1))).toEqual([
        { type: 'request_withdrawn', recipientId: bobby!.id, requestId: req.id },
      ]);
      const incoming = await ctx.fx.store.listRequests({
        accountId: bobby!.id,
        direction: 'incoming',
        now: T0 + 1,
        limit: 10,
      });
      expect(incoming.items).toEqual([]);
      const again = await ctx.fx.decide(req.id, bobby!, 'accept', T0 + 2);
      expect(again.ok === false && again.error).toMatchObject({
        code: 'ALREADY_DECIDED',
        state: 'withdrawn',
      });
    });

    it('decline is silent: no event, the sender goes on seeing pending, a repeat returns already_pending', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.drain(T0);
      const res = await ctx.fx.decide(req.id, bobby!, 'decline', T0 + 1);
      expect(res.ok && res.value.request.state).toBe('declined');
      expect(await ctx.fx.drain(T0 + 1)).toEqual([]);

      const stored = await ctx.fx.store.getRequest(req.id);
      expect(stored?.state).toBe('declined');
      expect(stored && stateSeenBy(stored, alice!.id, T0 + 2)).toBe('pending');
      expect(stored && stateSeenBy(stored, bobby!.id, T0 + 2)).toBe('declined');

      const out = await ctx.fx.store.listRequests({
        accountId: alice!.id,
        direction: 'outgoing',
        now: T0 + 2,
        limit: 10,
      });
      expect(out.items.map((r) => r.id)).toEqual([req.id]);
      expect(out.items.map((r) => stateSeenBy(r, alice!.id, T0 + 2))).toEqual(['pending']);
      const inc = await ctx.fx.store.listRequests({
        accountId: bobby!.id,
        direction: 'incoming',
        now: T0 + 2,
        limit: 10,
      });
      expect(inc.items).toEqual([]);

      const repeat = await ctx.fx.send(alice!, bobby!, T0 + 3);
      expect(repeat.ok && repeat.value).toMatchObject({
        status: 'already_pending',
        request: { id: req.id, state: 'pending' },
      });
      const rel = await ctx.fx.store.relationship(alice!.id, bobby!.id);
      expect(rel.outgoing?.id).toBe(req.id);
      expect(await ctx.fx.drain(T0 + 3)).toEqual([]);
    });

    it('the sender may withdraw a declined request (it looks pending to them), silently', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.decide(req.id, bobby!, 'decline', T0 + 1);
      await ctx.fx.drain(T0 + 1);
      const res = await ctx.fx.decide(req.id, alice!, 'withdraw', T0 + 2);
      expect(res.ok && res.value.request.state).toBe('withdrawn');
      expect(await ctx.fx.drain(T0 + 2)).toEqual([]);
    });

    it('the declined request’s recipient sees ALREADY_DECIDED declined', async () => {
      const [alice, bobby] = await ctx.fx.accounts('alice', 'bobby');
      const req = await ctx.fx.pending(alice!, bobby!, T0);
      await ctx.fx.decide(req.id, bobby!, 'decline', T0 + 1);
      const res = await ctx.fx.decide(req.id, bobby!, 'accept', T0 + 2);
      expect(res.ok === false && res.error).toMatchObject({ code: 'ALREADY_DECIDED', state: 'declined' });
    });
  });
}
