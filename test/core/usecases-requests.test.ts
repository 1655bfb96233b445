import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/core/usecases/accounts.js';
import {
  blockPerson,
  decideRequest,
  listContacts,
  listRequests,
  removeContact,
  requestConnection,
  sweepRequests,
  type TargetRef,
  viewerState,
  withdrawTo,
} from '../../src/core/usecases/requests.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

const DAY = 86_400_000;
let t: TestCore;
beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const alice = slackActor('U_ALICE', 'Alice Liddell');
const bob = teamsActor('aad-bob', 'Bob Builder');
const linkOf = (handle: string): TargetRef => ({
  kind: 'text',
  text: `https://invite.example.com/${handle}`,
});

async function aliceAsksBob(note?: string) {
  await ensureAccount(t.deps, bob);
  const res = await requestConnection(t.deps, {
    actor: alice,
    target: linkOf('bob-builder'),
    note,
    source: 'link',
  });
  if (!res.ok) throw new Error(res.error.code);
  return res.value;
}

describe('requestConnection', () => {
  it('signs the sender up and sends, across platforms, with a sanitized note', async () => {
    const sent = await aliceAsksBob('  Hi\u202E Bob!  ');
    expect(sent.sender).toMatchObject({ created: true, account: { handle: 'alice-liddell' } });
    expect(sent.recipient.handle).toBe('bob-builder');
    expect(sent.outcome).toMatchObject({
      status: 'sent',
      request: { state: 'pending', note: 'Hi Bob!', source: 'link' },
    });
    const events = await t.store.claimOutbox({ owner: 'w', now: t.clock.now(), leaseMs: 1000, limit: 10 });
    expect(events.map((e) => [e.event.type, e.event.recipientId])).toEqual([
      ['request_received', sent.recipient.id],
    ]);
  });

  it('NOTE_TOO_LONG changes nothing, not even a sign-up', async () => {
    await ensureAccount(t.deps, bob);
    const res = await requestConnection(t.deps, {
      actor: alice,
      target: linkOf('bob-builder'),
      note: '🙂'.repeat(301),
      source: 'link',
    });
    expect(res).toEqual({ ok: false, error: { code: 'NOTE_TOO_LONG', max: 300, length: 301 } });
    expect(await t.store.getAccountByIdentity(alice.identity)).toBeNull();
  });

  it('a platform user target (an @mention) is registered on the spot, unclaimed: no handle until they act', async () => {
    const res = await requestConnection(t.deps, {
      actor: alice,
      target: { kind: 'actor', actor: bob },
      source: 'mention',
    });
    expect(res.ok && res.value.outcome.status).toBe('sent');
    expect((await t.store.getAccountByIdentity(bob.identity))?.handle).toBe('');
    await ensureAccount(t.deps, bob);
    expect((await t.store.getAccountByIdentity(bob.identity))?.handle).toBe('bob-builder');
  });

  it('maps target problems and rule outcomes to values', async () => {
    await ensureAccount(t.deps, alice);
    const cases: [TargetRef, string][] = [
      [{ kind: 'text', text: 'https://evil.example.net/bob' }, 'LINK_FOREIGN_HOST'],
      [{ kind: 'text', text: 'nobody-at-all' }, 'NOT_FOUND'],
      [{ kind: 'account', accountId: 'acc_missing' }, 'NOT_FOUND'],
      [linkOf('alice-liddell'), 'OWN_LINK'],
    ];
    for (const [target, code] of cases) {
      const res = await requestConnection(t.deps, { actor: alice, target, source: 'link' });
      expect(res.ok === false && res.error.code).toBe(code);
    }
  });

  it('keeps the context plain and bounded without splitting a character', async () => {
    await ensureAccount(t.deps, bob);
    const context = `#${'a'.repeat(198)}😀 and more`;
    const res = await requestConnection(t.deps, {
      actor: alice,
      target: linkOf('bob-builder'),
      source: 'link',
      context,
    });
    const stored = res.ok ? res.value.outcome.request.context : null;
    expect(stored?.startsWith(`#${'a'.repeat(198)}`)).toBe(true);
    expect(stored).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(Array.from(stored ?? '').length).toBeLessThanOrEqual(200);
  });
});

describe('decideRequest', () => {
  it('someone without an account is NOT_YOURS; the recipient accepts', async () => {
    const sent = await aliceAsksBob();
    const stranger = slackActor('U_X', 'X');
    const id = sent.outcome.request.id;
    expect(await decideRequest(t.deps, { actor: stranger, requestId: id, action: 'accept' })).toEqual({
      ok: false,
      error: { code: 'NOT_YOURS' },
    });
    expect(await t.store.getAccountByIdentity(stranger.identity)).toBeNull();
    t.clock.advance(1000);
    const res = await decideRequest(t.deps, { actor: bob, requestId: id, action: 'accept' });
    expect(res.ok && res.value.request).toMatchObject({ state: 'accepted', decidedAt: t.clock.now() });
    expect(res.ok && res.value.actor.handle).toBe('bob-builder');
    const again = await decideRequest(t.deps, { actor: bob, requestId: id, action: 'decline' });
    expect(again.ok === false && again.error).toMatchObject({ code: 'ALREADY_DECIDED', state: 'accepted' });
  });
});

describe('withdrawTo, removeContact, blockPerson', () => {
  it('withdraws my open request; NO_PENDING_REQUEST when there is none; OWN_LINK for myself', async () => {
    await aliceAsksBob();
    const res = await withdrawTo(t.deps, alice, linkOf('bob-builder'));
    expect(res.ok && res.value.request.state).toBe('withdrawn');
    expect(await withdrawTo(t.deps, alice, linkOf('bob-builder'))).toEqual({
      ok: false,
      error: { code: 'NO_PENDING_REQUEST' },
    });
    expect(await withdrawTo(t.deps, bob, linkOf('alice-liddell'))).toEqual({
      ok: false,
      error: { code: 'NO_PENDING_REQUEST' },
    });
    expect(await withdrawTo(t.deps, alice, linkOf('alice-liddell'))).toEqual({
      ok: false,
      error: { code: 'OWN_LINK' },
    });
    const again = await requestConnection(t.deps, {
      actor: alice,
      target: linkOf('bob-builder'),
      source: 'link',
    });
    expect(again).toEqual({ ok: false, error: { code: 'WITHDRAW_COOLDOWN', retryAfterMs: 7 * DAY } });
  });

  it('removes a contact on both sides, then NOT_CONTACTS', async () => {
    const sent = await aliceAsksBob();
    await decideRequest(t.deps, { actor: bob, requestId: sent.outcome.request.id, action: 'accept' });
    const mine = await listContacts(t.deps, alice);
    expect(mine.ok && mine.value.items.map((c) => c.account.handle)).toEqual(['bob-builder']);
    const res = await removeContact(t.deps, bob, linkOf('alice-liddell'));
    expect(res.ok && res.value.other.handle).toBe('alice-liddell');
    expect(await listContacts(t.deps, alice)).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    expect(await removeContact(t.deps, alice, linkOf('bob-builder'))).toEqual({
      ok: false,
      error: { code: 'NOT_CONTACTS' },
    });
  });

  it('blocks silently: the request disappears for me, still pending for them', async () => {
    const sent = await aliceAsksBob();
    const res = await blockPerson(t.deps, bob, linkOf('alice-liddell'));
    expect(res.ok && res.value).toMatchObject({ alreadyBlocked: false, other: { handle: 'alice-liddell' } });
    const again = await blockPerson(t.deps, bob, linkOf('alice-liddell'));
    expect(again.ok && again.value.alreadyBlocked).toBe(true);
    const incoming = await listRequests(t.deps, bob, 'incoming');
    expect(incoming.ok && incoming.value.items).toEqual([]);
    const outgoing = await listRequests(t.deps, alice, 'outgoing');
    expect(outgoing.ok && outgoing.value.items.map((i) => i.request.id)).toEqual([sent.outcome.request.id]);
    expect(await blockPerson(t.deps, bob, linkOf('bob-builder'))).toEqual({
      ok: false,
      error: { code: 'OWN_LINK' },
    });
  });
});

describe('listRequests and viewerState', () => {
  it('lists with the other party attached, paged', async () => {
    await ensureAccount(t.deps, bob);
    const senders = ['Carol Danvers', 'Dave Grohl', 'Erin Brockovich'].map((n, i) => slackActor(`U_${i}`, n));
    for (const s of senders) {
      await requestConnection(t.deps, { actor: s, target: linkOf('bob-builder'), source: 'link' });
      t.clock.advance(1000);
    }
    const page1 = await listRequests(t.deps, bob, 'incoming', { limit: 2 });
    expect(page1.ok && page1.value.items.map((i) => i.other?.displayName)).toEqual([
      'Erin Brockovich',
      'Dave Grohl',
    ]);
    const cursor = page1.ok ? page1.value.nextCursor : null;
    expect(cursor).not.toBeNull();
    const page2 = await listRequests(t.deps, bob, 'incoming', { limit: 2, cursor });
    expect(page2.ok && page2.value).toMatchObject({
      nextCursor: null,
      items: [{ other: { displayName: 'Carol Danvers' } }],
    });
    const out = await listRequests(t.deps, senders[0]!, 'outgoing');
    expect(out.ok && out.value.items.map((i) => i.other?.handle)).toEqual(['bob-builder']);
  });

  it('tells the invite page who is looking', async () => {
    const sent = await aliceAsksBob();
    const a = sent.sender.account.id;
    const b = sent.recipient.id;
    expect(await viewerState(t.deps, null, b)).toEqual({ ok: true, value: 'anonymous' });
    expect(await viewerState(t.deps, b, b)).toEqual({ ok: true, value: 'own' });
    expect(await viewerState(t.deps, a, b)).toEqual({ ok: true, value: 'requested' });
    expect(await viewerState(t.deps, b, a)).toEqual({ ok: true, value: 'stranger' });
    await decideRequest(t.deps, { actor: bob, requestId: sent.outcome.request.id, action: 'decline' });
    expect(await viewerState(t.deps, a, b)).toEqual({ ok: true, value: 'requested' });
    t.clock.advance(30 * DAY);
    expect(await viewerState(t.deps, a, b)).toEqual({ ok: true, value: 'stranger' });
    const back = await requestConnection(t.deps, {
      actor: bob,
      target: linkOf('alice-liddell'),
      source: 'link',
    });
    await decideRequest(t.deps, {
      actor: alice,
      requestId: back.ok ? back.value.outcome.request.id : '',
      action: 'accept',
    });
    expect(await viewerState(t.deps, a, b)).toEqual({ ok: true, value: 'contact' });
  });
});

describe('sweepRequests', () => {
  it('reminds after 7 days and expires after 30, by the injected clock', async () => {
    const sent = await aliceAsksBob();
    expect(await sweepRequests(t.deps)).toEqual({ ok: true, value: { expired: 0, reminded: 0 } });
    t.clock.advance(7 * DAY);
    expect(await sweepRequests(t.deps)).toEqual({ ok: true, value: { expired: 0, reminded: 1 } });
    t.clock.advance(23 * DAY);
    expect(await sweepRequests(t.deps)).toEqual({ ok: true, value: { expired: 1, reminded: 0 } });
    expect((await t.store.getRequest(sent.outcome.request.id))?.state).toBe('expired');
  });
});
