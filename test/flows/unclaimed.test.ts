import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  type Command,
  decideRequest,
  deleteMyData,
  findPeople,
  POLICY,
  publicProfile,
} from '../../src/core/index.js';
import { type CommandView, type PeoplePort, runCommand } from '../../src/flows/commands.js';
import { askDeletion } from '../../src/flows/privacy.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor } from '../helpers/identities.js';

/**
 * Consent before a public page: a person named by someone else (an @mention, an e-mail) before they
 * ever used the app may receive requests, but has no handle, no page and no search entry until they
 * first act. A real SQLite store, no platform.
 */
type Who = string;
let t: TestCore;
let directory: Map<string, Actor>;
const people: PeoplePort<Who> = {
  async name(who) {
    const actor = directory.get(who.slice(1));
    return actor
      ? { kind: 'person', actor, source: 'mention' }
      : { kind: 'problem', said: { problem: { code: 'NOT_FOUND' } }, outcome: 'NOT_FOUND' };
  },
};

const ann = slackActor('UANN', 'Ann Lee', { locale: 'en' });
const bob = slackActor('UBOB', 'Bob Baker', { locale: 'ja' });

beforeEach(() => {
  t = openTestCore();
  directory = new Map([['bob', bob]]);
});
afterEach(() => t.close());

const run = (actor: Actor, command: Command<Who>) =>
  runCommand(t.deps, people, { command, actor, privateReply: true, context: '#general' });
const said = (v: CommandView, locale: 'en' | 'ja' | 'vi' = 'en') =>
  v.content.kind === 'said' ? renderText(locale, v.content.said) : '';
describe('a never-seen person named in a request', () => {
  it('gets the request but no handle, page or search entry; the sender is told it waits', async () => {
    const sent = await run(ann, { kind: 'request', who: '@bob', note: 'hi' });
    expect(sent.outcome).toBe('sent');
    expect(said(sent.view)).toBe(
      'Welcome! Your Chatwork ID is ann-lee. Request sent to Bob Baker; it waits until they open Chatwork Invite.',
    );
    const again = await run(ann, { kind: 'request', who: '@bob', note: null });
    expect(again.outcome).toBe('already_pending');

    const account = await t.store.getAccountByIdentity(bob.identity);
    expect(account?.handle).toBe('');
    expect(await t.store.resolveHandle('bob-baker', t.clock.now())).toBeNull();
    const page = await publicProfile(t.deps, 'bob-baker');
    expect(page.ok === false && page.error.code).toBe('NOT_FOUND');
    const found = await findPeople(t.deps, ann, 'bob');
    expect(found.ok && found.value).toEqual([]);
  });

  it('a second request to them (sender already registered) says it waits, in en, ja and vi', async () => {
    await run(ann, { kind: 'invite' });
    const sent = await run(ann, { kind: 'request', who: '@bob', note: null });
    expect(said(sent.view)).toBe(
      'Request sent to Bob Baker. It waits until they open Chatwork Invite; you will be told when they accept.',
    );
    expect(said(sent.view, 'ja')).toContain('Chatwork Inviteを開くまで申請は保留されます');
    expect(said(sent.view, 'vi')).toContain('Yêu cầu sẽ chờ đến khi họ mở Chatwork Invite');
  });

  it('their first command gives them a handle, a page and a search entry, and the request is theirs to accept', async () => {
    await run(ann, { kind: 'request', who: '@bob', note: 'hi' });
    const mine = await run(bob, { kind: 'requests' });
    expect(mine.outcome).toBe('ok');
    const account = await t.store.getAccountByIdentity(bob.identity);
    expect(account?.handle).toBe('bob-baker');
    const page = await publicProfile(t.deps, 'bob-baker');
    expect(page.ok && page.value.account.id).toBe(account?.id);
    const found = await findPeople(t.deps, ann, 'bob');
    expect(found.ok && found.value.map((a) => a.handle)).toEqual(['bob-baker']);
    if (mine.view.content.kind !== 'requests') throw new Error(`got ${mine.view.content.kind}`);
    const [waiting] = mine.view.content.incoming.items;
    expect(waiting?.other?.handle).toBe('ann-lee');
    const accepted = await decideRequest(t.deps, {
      actor: bob,
      requestId: waiting!.request.id,
      action: 'accept',
    });
    expect(accepted.ok && accepted.value.request.state).toBe('accepted');
  });

  it('even help is an act: it claims their account, and registers no one new', async () => {
    await run(ann, { kind: 'request', who: '@bob', note: null });
    expect((await run(bob, { kind: 'help' })).outcome).toBe('ok');
    expect((await t.store.getAccountByIdentity(bob.identity))?.handle).toBe('bob-baker');
    const carol = slackActor('UCAROL', 'Carol King');
    expect((await run(carol, { kind: 'help' })).outcome).toBe('ok');
    expect(await t.store.getAccountByIdentity(carol.identity)).toBeNull();
  });

  it('delete my data as their first act: the confirmation names the handle it claims; the deletion takes it all', async () => {
    await run(ann, { kind: 'request', who: '@bob', note: null });
    const asked = await askDeletion(t.deps, bob);
    expect(asked.view).toEqual({ kind: 'delete_confirm', handle: 'bob-baker' });
    const done = await deleteMyData(t.deps, bob, 'bob-baker');
    expect(done.ok).toBe(true);
    expect(await t.store.getAccountByIdentity(bob.identity)).toBeNull();
  });

  it('a click is an act too: [Accept] on the card they were sent claims the account, then accepts', async () => {
    const sent = await run(ann, { kind: 'request', who: '@bob', note: null });
    expect(sent.outcome).toBe('sent');
    const waiting = await t.store.listRequests({
      accountId: (await t.store.getAccountByIdentity(bob.identity))!.id,
      direction: 'incoming',
      now: t.clock.now(),
      limit: 5,
    });
    const accepted = await decideRequest(t.deps, {
      actor: bob,
      requestId: waiting.items[0]!.id,
      action: 'accept',
    });
    expect(accepted.ok && [accepted.value.actor.handle, accepted.value.request.state]).toEqual([
      'bob-baker',
      'accepted',
    ]);
    expect((await t.store.getAccountByIdentity(bob.identity))?.handle).toBe('bob-baker');
  });

  it('56 mentions of distinct never-seen people in a minute: at most the limit registered, no page at all', async () => {
    const max = POLICY.request.maxNewPerWindow;
    const outcomes: string[] = [];
    for (let i = 0; i < 56; i++) {
      const person = slackActor(`UP${i}`, `Colleague ${i}`);
      directory.set(`p${i}`, person);
      outcomes.push((await run(ann, { kind: 'request', who: `@p${i}`, note: null })).outcome);
      t.clock.advance(1_000);
    }
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(max);
    expect(outcomes.slice(max)).toEqual(Array(56 - max).fill('RATE_LIMITED'));
    let registered = 0;
    for (let i = 0; i < 56; i++) {
      const account = await t.store.getAccountByIdentity(slackActor(`UP${i}`, '').identity);
      if (account) registered++;
      expect(account?.handle ?? '').toBe('');
      const page = await publicProfile(t.deps, `colleague-${i}`);
      expect(page.ok).toBe(false);
    }
    expect(registered).toBe(max);
    const found = await findPeople(t.deps, ann, 'colleague');
    expect(found.ok && found.value).toEqual([]);
  });
});
