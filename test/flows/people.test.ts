import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  blockPerson,
  type Command,
  ensureAccount,
  parseCommand,
  requestConnection,
} from '../../src/core/index.js';
import { runClick } from '../../src/flows/clicks.js';
import { type CommandView, type PeoplePort, runCommand } from '../../src/flows/commands.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { directoryPeople } from './support.js';

/**
 * The block list and bulk accept without a platform (`src/flows/people.ts` through the command and
 * click flows): a real SQLite store, and a people port of the test's own (`@key` → a platform user).
 */
type Who = string;
let t: TestCore;
let directory: Map<string, Actor>;
const people: PeoplePort<Who> = directoryPeople(() => directory);

const ann = slackActor('UANN', 'Ann Lee', { locale: 'en' });
const bob = teamsActor('aad-bob', 'Bob Tran');
const cat = slackActor('UCAT', 'Cat <b>&', { locale: 'ja' });
const dan = slackActor('UDAN', 'Dan Never');

beforeEach(() => {
  t = openTestCore();
  directory = new Map([
    ['bob', bob],
    ['cat', cat],
    ['dan', dan],
  ]);
});
afterEach(() => t.close());

const run = (actor: Actor, command: Command<Who>) =>
  runCommand(t.deps, people, { command, actor, privateReply: true, context: null });
const words = (v: CommandView, locale: 'en' | 'ja' = 'en') =>
  v.content.kind === 'said' ? renderText(locale, v.content.said) : '';
const accountOf = async (a: Actor) => {
  const found = await ensureAccount(t.deps, a);
  if (!found.ok) throw new Error(found.error.code);
  return found.value.account;
};
/** Blocks `other` (registered first: someone who never used the app cannot be blocked). */
const block = async (actor: Actor, other: Actor) => {
  await accountOf(other);
  const done = await blockPerson(t.deps, actor, { kind: 'actor', actor: other });
  if (!done.ok) throw new Error(done.error.code);
};
/** Every outbox event, drained. */
async function drain() {
  const events = [];
  for (;;) {
    const items = await t.store.claimOutbox({
      owner: 'test',
      now: t.clock.now(),
      leaseMs: 60_000,
      limit: 500,
    });
    if (items.length === 0) return events;
    for (const item of items) {
      events.push(item.event);
      await t.store.ackOutbox({ eventId: item.event.id, owner: 'test' });
    }
  }
}

describe('the grammar', () => {
  const read = (text: string) => parseCommand(text, (w) => (w.startsWith('@') ? w : null));
  it('blocked, unblock <who>, accept all; the words written the wrong way get their usage line', () => {
    expect(read('blocked')).toEqual({ kind: 'blocked' });
    expect(read('unblock @bob')).toEqual({ kind: 'unblock', who: '@bob' });
    expect(read('UNBLOCK')).toEqual({ kind: 'usage', usage: 'unblock' });
    expect(read('unblock @bob @cat')).toEqual({ kind: 'usage', usage: 'unblock' });
    expect(read('accept all')).toEqual({ kind: 'accept_all' });
    expect(read('Accept ALL')).toEqual({ kind: 'accept_all' });
    expect(read('accept')).toEqual({ kind: 'usage', usage: 'accept_all' });
    expect(read('accept @bob')).toEqual({ kind: 'usage', usage: 'accept_all' });
  });
});

describe('blocked and unblock', () => {
  it('blocked lists the people I blocked, newest first, paged; not the people who blocked me', async () => {
    const none = await run(ann, { kind: 'blocked' });
    expect(none.view.content).toEqual({ kind: 'blocked', blocked: { items: [], nextCursor: null } });
    await block(ann, bob);
    t.clock.advance(1000);
    await block(ann, cat);
    await block(dan, ann);
    const listed = await run(ann, { kind: 'blocked' });
    expect(listed.outcome).toBe('ok');
    const content = listed.view.content;
    expect(content.kind === 'blocked' && content.blocked.items.map((b) => b.account.displayName)).toEqual([
      'Cat <b>&',
      'Bob Tran',
    ]);
  });

  it('unblock <who>: lifted, silent, off the list; their requests reach me again', async () => {
    await block(ann, bob);
    await drain();
    const done = await run(ann, { kind: 'unblock', who: '@bob' });
    expect(done.outcome).toBe('ok');
    expect(words(done.view)).toBe(
      'Bob Tran is unblocked. They are not notified, and can send you requests again.',
    );
    expect(done.view.changed).toBe(true);
    expect(await drain()).toEqual([]);
    const list = await run(ann, { kind: 'blocked' });
    expect(list.view.content).toMatchObject({ blocked: { items: [] } });
    const sent = await requestConnection(t.deps, {
      actor: bob,
      target: { kind: 'actor', actor: ann },
      source: 'mention',
    });
    expect(sent.ok && sent.value.outcome.status).toBe('sent');
    expect((await drain()).map((e) => e.type)).toEqual(['request_received']);
  });

  it('unblocking someone not blocked is NOT_BLOCKED, localized, and changes nothing; a never-seen person is not registered', async () => {
    await accountOf(bob);
    const twice = await run(ann, { kind: 'unblock', who: '@bob' });
    expect(twice.outcome).toBe('NOT_BLOCKED');
    expect(words(twice.view)).toBe('That person is not blocked.');
    const inJapanese = await run(cat, { kind: 'unblock', who: '@bob' });
    expect(words(inJapanese.view, 'ja')).toBe('その方はブロックしていません。');
    const never = await run(ann, { kind: 'unblock', who: '@dan' });
    expect(never.outcome).toBe('NOT_BLOCKED');
    expect(await t.store.getAccountByIdentity(dan.identity)).toBeNull();
    const own = await run(ann, { kind: 'unblock', who: 'ann-lee' });
    expect(own.outcome).toBe('OWN_LINK');
  });

  it('[Unblock] on a row: lifted; a second click is NOT_BLOCKED', async () => {
    await block(ann, bob);
    const bobAccount = await accountOf(bob);
    const first = await runClick(t.deps, ann, { kind: 'unblock', otherId: bobAccount.id });
    expect(first.outcome).toBe('ok');
    expect(first.view).toMatchObject({ changed: true, view: { kind: 'said', tone: 'good' } });
    const again = await runClick(t.deps, ann, { kind: 'unblock', otherId: bobAccount.id });
    expect(again.outcome).toBe('NOT_BLOCKED');
    const view = again.view.view;
    expect(view.kind === 'said' && renderText('en', view.text)).toBe('That person is not blocked.');
    expect((await t.store.relationship(bobAccount.id, (await accountOf(ann)).id)).aBlocksB).toBe(false);
  });
});

describe('accept all', () => {
  const senders = (n: number) =>
    Array.from({ length: n }, (_, i) => slackActor(`US${String(i).padStart(3, '0')}`, `Sender ${i}`));
  async function requestsFrom(list: Actor[]) {
    for (const s of list) {
      const sent = await requestConnection(t.deps, {
        actor: s,
        target: { kind: 'actor', actor: ann },
        source: 'mention',
      });
      if (!sent.ok) throw new Error(sent.error.code);
      t.clock.advance(10);
    }
    await drain();
  }

  it('asks first: how many, bounded by the time of asking; nothing to accept says so', async () => {
    const nothing = await run(ann, { kind: 'accept_all' });
    expect(nothing.outcome).toBe('none');
    expect(words(nothing.view)).toBe('There are no incoming requests to accept.');
    await requestsFrom(senders(3));
    const asked = await run(ann, { kind: 'accept_all' });
    expect(asked.view.content).toEqual({
      kind: 'accept_all_confirm',
      confirm: { count: 3, before: t.clock.now(), max: 100 },
    });
    // Asking changed nothing.
    expect(await drain()).toEqual([]);
  });

  it('40 requests: each accepted as its own transition, each sender told once; a second click accepts none', async () => {
    const forty = senders(40);
    await requestsFrom(forty);
    const asked = await run(ann, { kind: 'accept_all' });
    if (asked.view.content.kind !== 'accept_all_confirm') throw new Error('no confirmation');
    const { count, before } = asked.view.content.confirm;
    expect(count).toBe(40);
    // One of them is answered elsewhere between the question and the click.
    const incoming = await t.store.listRequests({
      accountId: (await accountOf(ann)).id,
      direction: 'incoming',
      now: t.clock.now(),
      limit: 1,
    });
    const first = incoming.items[0];
    if (!first) throw new Error('no request');
    await runClick(t.deps, ann, { kind: 'decline', requestId: first.id, on: 'list' });
    // A request that arrives after the question is not part of it.
    t.clock.advance(1000);
    await requestsFrom([bob]);

    const done = await runClick(t.deps, ann, { kind: 'accept_all', shown: count, before });
    expect(done.outcome).toBe('ok');
    const view = done.view.view;
    expect(view.kind === 'said' && renderText('en', view.text)).toBe(
      'Accepted 39 requests. 1 had already been answered and were left as they were.',
    );
    const told = (await drain()).filter((e) => e.type === 'request_accepted');
    expect(told).toHaveLength(39);
    expect(new Set(told.map((e) => e.recipientId)).size).toBe(39);
    const contacts = await t.store.listContacts({ accountId: (await accountOf(ann)).id, limit: 100 });
    expect(contacts.items).toHaveLength(39);
    // Bob's request came after the question: still pending.
    const left = await t.store.listRequests({
      accountId: (await accountOf(ann)).id,
      direction: 'incoming',
      now: t.clock.now(),
      limit: 10,
    });
    expect(left.items.map((r) => r.senderId)).toEqual([(await accountOf(bob)).id]);

    const again = await runClick(t.deps, ann, { kind: 'accept_all', shown: count, before });
    expect(again.outcome).toBe('ALREADY_DECIDED');
    expect(again.view.changed).toBe(false);
    expect(await drain()).toEqual([]);
  });

  it('at most 100 per click: 120 pending, 100 asked and accepted, 20 left', async () => {
    await requestsFrom(senders(120));
    const asked = await run(ann, { kind: 'accept_all' });
    if (asked.view.content.kind !== 'accept_all_confirm') throw new Error('no confirmation');
    expect(asked.view.content.confirm.count).toBe(100);
    const forged = await runClick(t.deps, ann, { kind: 'accept_all', shown: 500, before: t.clock.now() });
    const view = forged.view.view;
    expect(view.kind === 'said' && renderText('en', view.text)).toBe(
      'Accepted 100 requests. You are now contacts.',
    );
    expect((await drain()).filter((e) => e.type === 'request_accepted')).toHaveLength(100);
    const left = await t.store.listRequests({
      accountId: (await accountOf(ann)).id,
      direction: 'incoming',
      now: t.clock.now(),
      limit: 100,
    });
    expect(left.items).toHaveLength(20);
  });

  it('someone with no account accepts nothing and registers no one', async () => {
    const done = await runClick(t.deps, dan, { kind: 'accept_all', shown: 3, before: t.clock.now() });
    expect(done.outcome).toBe('ALREADY_DECIDED');
    expect(await t.store.getAccountByIdentity(dan.identity)).toBeNull();
  });
});
