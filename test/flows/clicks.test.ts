import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Account, type Actor, ensureAccount, requestConnection } from '../../src/core/index.js';
import {
  type ClickIntent,
  type ClickResult,
  clickAction,
  runButton,
  runClick,
} from '../../src/flows/clicks.js';
import { homeOf, listPage } from '../../src/flows/clicks-lists.js';
import { myInvite, unfurlInvite } from '../../src/flows/invite-view.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

/** Every click kind once, without a platform: the click flow on a real SQLite store. */
let t: TestCore;
let owner: Account;
const olivia = slackActor('UOWN', 'Olivia Owner');
const stan = teamsActor('aad-stan', 'Stan Stranger');
const nina = slackActor('UNEW', 'Nina New', { locale: 'ja' });

beforeEach(async () => {
  t = openTestCore();
  const made = await ensureAccount(t.deps, olivia);
  if (!made.ok) throw new Error(made.error.code);
  owner = made.value.account;
  await ensureAccount(t.deps, stan);
});
afterEach(() => t.close());

const click = (actor: Actor, intent: ClickIntent) => runClick(t.deps, actor, intent);
const add = (actor: Actor) => click(actor, { kind: 'add', ownerId: owner.id, context: '#general' });
const words = (r: ClickResult) => {
  const v = r.view;
  if (v.kind === 'said') return renderText('en', v.text);
  if (v.kind === 'invite') return v.said ? renderText('en', v.said) : '';
  if (v.kind === 'settled') return v.card.said ? renderText('en', v.card.said) : '';
  return v.kind;
};
const accountOf = async (a: Actor) => {
  const found = await t.store.getAccountByIdentity(a.identity);
  if (!found) throw new Error('no account');
  return found;
};

/** Stan asks Olivia; returns the request id. */
async function stanAsksOlivia(): Promise<string> {
  const sent = await requestConnection(t.deps, {
    actor: stan,
    target: { kind: 'account', accountId: owner.id },
    source: 'handle',
  });
  if (!sent.ok) throw new Error(sent.error.code);
  return sent.value.outcome.request.id;
}

describe('[Add to contacts]: the invite card per viewer', () => {
  it('someone seen for the first time is registered and the request sent (sign up and connect)', async () => {
    const r = await add(nina);
    expect(r.outcome).toBe('sent');
    expect(r.view.changed).toBe(true);
    expect(r.view.view).toMatchObject({
      kind: 'invite',
      invite: { state: 'requested', notice: { tone: 'good' } },
    });
    expect(words(r.view)).toMatch(/^Welcome! Your Chatwork ID is nina-new\. Request sent to Olivia Owner\.$/);
    const rel = await t.store.relationship((await accountOf(nina)).id, owner.id);
    expect(rel.outgoing).toMatchObject({ state: 'pending', source: 'link', context: '#general' });
  });

  it('a stranger sends; a second click says it is pending; the owner is told it is their own link', async () => {
    expect(words((await add(stan)).view)).toBe(
      'Request sent to Olivia Owner. You will be told when they accept.',
    );
    const again = await add(stan);
    expect(again.outcome).toBe('already_pending');
    expect(again.view.view).toMatchObject({ kind: 'invite', invite: { state: 'requested' } });
    expect(words(again.view)).toBe('Your request to Olivia Owner is pending.');
    const own = await add(olivia);
    expect(own.outcome).toBe('OWN_LINK');
    expect(own.view.view).toMatchObject({ kind: 'invite', invite: { state: 'own' } });
    expect(words(own.view)).toBe('This is your invite link.');
  });

  it('the owner had asked the clicker first: now contacts, and the request is settled (no buttons left anywhere)', async () => {
    const asked = await requestConnection(t.deps, {
      actor: olivia,
      target: { kind: 'account', accountId: (await accountOf(stan)).id },
      source: 'handle',
    });
    if (!asked.ok) throw new Error(asked.error.code);
    const r = await add(stan);
    expect(r.outcome).toBe('connected');
    expect(words(r.view)).toBe('You and Olivia Owner are now contacts.');
    expect(r.view.settled).toMatchObject({
      request: { id: asked.value.outcome.request.id, state: 'accepted' },
      other: { id: owner.id },
      state: 'accepted',
    });
    const contact = await add(stan);
    expect(contact.outcome).toBe('ALREADY_CONTACTS');
    expect(contact.view.view).toMatchObject({ kind: 'invite', invite: { state: 'contact' } });
  });

  it('a card whose owner is gone, or a value that is not ours, is out of date', async () => {
    const gone = await click(stan, { kind: 'add', ownerId: 'acc_gone', context: null });
    expect(gone).toEqual({ view: { view: { kind: 'outdated' }, changed: false }, outcome: 'NOT_FOUND' });
    const forged = await click(stan, { kind: 'invalid' });
    expect(forged).toEqual({ view: { view: { kind: 'outdated' }, changed: false }, outcome: 'invalid' });
  });

  it('view_invite (Teams refresh): the card as this viewer sees it, nothing changes', async () => {
    const seen = async (a: Actor) => (await click(a, { kind: 'view_invite', ownerId: owner.id })).view;
    expect(await seen(olivia)).toMatchObject({ view: { invite: { state: 'own' } }, changed: false });
    expect(await seen(stan)).toMatchObject({ view: { invite: { state: 'stranger' } } });
    expect(await seen(nina)).toMatchObject({ view: { invite: { state: 'anonymous' } } });
    expect(await t.store.getAccountByIdentity(nina.identity)).toBeNull();
  });
});

describe('Accept, Decline, Block, Withdraw', () => {
  it('accept on the card: the card settles in place with what happened', async () => {
    const requestId = await stanAsksOlivia();
    const r = await click(olivia, { kind: 'accept', requestId, on: 'card' });
    expect(r.outcome).toBe('ok');
    expect(r.view.view).toMatchObject({
      kind: 'settled',
      card: { state: 'accepted', other: { displayName: 'Stan Stranger' } },
    });
    expect(words(r.view)).toBe('You accepted Stan Stranger. You are now contacts.');
    expect(r.view.settled?.request.id).toBe(requestId);
    // A second or stale click: the final state, nothing changes.
    const again = await click(olivia, { kind: 'decline', requestId, on: 'card' });
    expect(again.outcome).toBe('ALREADY_DECIDED');
    expect(again.view).toMatchObject({
      changed: false,
      view: { kind: 'settled', card: { state: 'accepted' } },
    });
    expect(words(again.view)).toContain('already answered');
  });

  it('decline and block from a list: said, and the list is shown again; a stale list click too', async () => {
    const requestId = await stanAsksOlivia();
    const declined = await click(olivia, { kind: 'decline', requestId, on: 'list' });
    expect(declined.view).toMatchObject({
      relist: true,
      changed: true,
      view: { kind: 'said', tone: 'good' },
    });
    expect(words(declined.view)).toBe('Declined. Stan Stranger is not notified.');
    const stale = await click(olivia, { kind: 'block', requestId, on: 'list' });
    expect(stale.view).toMatchObject({
      relist: true,
      changed: false,
      view: { kind: 'said', tone: 'attention' },
    });
    const second = await requestConnection(t.deps, {
      actor: nina,
      target: { kind: 'account', accountId: owner.id },
      source: 'link',
    });
    if (!second.ok) throw new Error(second.error.code);
    const blocked = await click(olivia, {
      kind: 'block',
      requestId: second.value.outcome.request.id,
      on: 'list',
    });
    expect(words(blocked.view)).toBe('Blocked. Nina New is not notified and cannot send you requests.');
    expect((await t.store.relationship(owner.id, (await accountOf(nina)).id)).aBlocksB).toBe(true);
  });

  it('withdraw is the sender’s; anyone else is refused and nothing changes; an unknown id is out of date', async () => {
    const requestId = await stanAsksOlivia();
    const notYours = await click(olivia, { kind: 'withdraw', requestId, on: 'list' });
    expect(notYours.outcome).toBe('NOT_YOURS');
    expect(notYours.view.view).toMatchObject({ kind: 'said', tone: 'attention' });
    expect((await click(nina, { kind: 'accept', requestId, on: 'card' })).outcome).toBe('NOT_YOURS');
    expect((await t.store.getRequest(requestId))?.state).toBe('pending');
    const withdrawn = await click(stan, { kind: 'withdraw', requestId, on: 'list' });
    expect(words(withdrawn.view)).toBe('Request to Olivia Owner withdrawn.');
    expect((await t.store.getRequest(requestId))?.state).toBe('withdrawn');
    const forged = await click(olivia, { kind: 'accept', requestId: 'req_forged', on: 'card' });
    expect(forged).toMatchObject({ outcome: 'NOT_FOUND', view: { view: { kind: 'outdated' } } });
  });
});

describe('remove and the search toggle', () => {
  it('remove: only a contact; then they are no longer contacts', async () => {
    const requestId = await stanAsksOlivia();
    expect((await click(nina, { kind: 'remove', otherId: owner.id })).outcome).toBe('NOT_CONTACTS');
    await click(olivia, { kind: 'accept', requestId, on: 'card' });
    const removed = await click(stan, { kind: 'remove', otherId: owner.id });
    expect(removed.outcome).toBe('ok');
    expect(words(removed.view)).toBe('Olivia Owner was deleted from your contacts.');
    expect((await t.store.relationship(owner.id, (await accountOf(stan)).id)).areContacts).toBe(false);
  });

  it('searchable: hidden, then shown again', async () => {
    const off = await click(olivia, { kind: 'searchable', value: false });
    expect(off).toEqual({ outcome: 'ok', view: { view: { kind: 'searchable', on: false }, changed: true } });
    expect((await accountOf(olivia)).searchable).toBe(false);
    await click(olivia, { kind: 'searchable', value: true });
    expect((await accountOf(olivia)).searchable).toBe(true);
  });
});

describe('navigation: [Show more], the home view, the own card and unfurling', () => {
  it('listPage pages one list on; homeOf shows every list with the card', async () => {
    for (let i = 0; i < 12; i++)
      await requestConnection(t.deps, {
        actor: slackActor(`US${i}`, `Sender ${i}`),
        target: { kind: 'account', accountId: owner.id },
        source: 'handle',
      });
    const home = await homeOf(t.deps, olivia);
    if (!home.ok) throw new Error(home.error.code);
    expect(home.value.me.link).toBe('https://invite.example.com/olivia-owner');
    expect(home.value.incoming.items).toHaveLength(10);
    expect(home.value.contacts.items).toEqual([]);
    const next = await listPage(t.deps, olivia, { list: 'incoming', cursor: home.value.incoming.nextCursor });
    if (!next.ok || next.value.list === 'contacts') throw new Error('no incoming page');
    expect(next.value.page.items).toHaveLength(2);
    const paged = await homeOf(t.deps, olivia, { list: 'incoming', cursor: home.value.incoming.nextCursor });
    expect(paged.ok && paged.value.incoming.items.length).toBe(2);
  });

  it('myInvite registers the actor the first time; unfurlInvite reads only our own links', async () => {
    const mine = await myInvite(t.deps, nina);
    expect(mine.ok && mine.value.link).toBe('https://invite.example.com/nina-new');
    expect((await unfurlInvite(t.deps, 'https://invite.example.com/olivia-owner'))?.owner.id).toBe(owner.id);
    expect(await unfurlInvite(t.deps, 'https://elsewhere.example.com/olivia-owner')).toBeNull();
    expect(await unfurlInvite(t.deps, 'olivia-owner')).toBeNull();
    expect(await unfurlInvite(t.deps, 'https://invite.example.com/nobody-here')).toBeNull();
  });
});

describe('runButton: any button read back, answered with a view (Teams)', () => {
  const where = { reach: { publicUrl: 'https://invite.example.com' }, privateReply: true };
  const button = (actor: Actor, b: Parameters<typeof runButton>[2]) => runButton(t.deps, actor, b, where);

  it('a navigation shows its card in place; a change runs the click; names are the same on every platform', async () => {
    const r = await stanAsksOlivia();
    const shown = await button(olivia, { kind: 'page', list: 'incoming', cursor: null });
    expect(shown).toMatchObject({ outcome: 'ok', view: { changed: false, view: { kind: 'doc' } } });
    const accepted = await button(olivia, { kind: 'accept', requestId: r, on: 'card' });
    expect(accepted.outcome).toBe('ok');
    expect(accepted.view.settled?.state).toBe('accepted');
    expect(clickAction({ kind: 'page', list: 'blocked', cursor: 'c' })).toBe('click.page');
    const decide = { ownerId: owner.id, requestId: 1, action: 'decline', name: 'Zed' } as const;
    expect(clickAction({ kind: 'chatwork', decide })).toBe('click.chatwork_decline');
  });

  it('the note and Change inputs are a platform’s own: outdated here, nothing stored', async () => {
    for (const b of [{ kind: 'add_note', ownerId: owner.id }, { kind: 'change_handle' }] as const) {
      const r = await button(stan, b);
      expect(r).toMatchObject({ outcome: 'invalid', view: { changed: false, view: { kind: 'outdated' } } });
    }
    const q = {
      accountId: (await accountOf(stan)).id,
      direction: 'outgoing',
      now: t.deps.clock.now(),
      limit: 5,
    };
    expect((await t.store.listRequests({ ...q, direction: 'outgoing' })).items).toEqual([]);
  });

  it('a Chatwork [Accept] without the bridge is said to the clicker, the card left as it was', async () => {
    const decide = { ownerId: owner.id, requestId: 1, action: 'accept', name: 'Zed' } as const;
    const r = await button(olivia, { kind: 'chatwork', decide });
    expect(r.outcome).toBe('not_configured');
    expect(r.view.view.kind).toBe('said');
  });
});
