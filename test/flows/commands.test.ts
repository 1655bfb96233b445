import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, type Command, ensureAccount } from '../../src/core/index.js';
import { type CommandView, commandFailed, type PeoplePort, runCommand } from '../../src/flows/commands.js';
import { runFlow } from '../../src/flows/outcome.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { directoryPeople } from './support.js';

/**
 * The command flow without any platform: a real SQLite store, and a people port of the test's own
 * that names people the way an adapter would (`@key` → a platform user, anything else → text).
 */
type Who = string;
let t: TestCore;
let directory: Map<string, Actor>;
const people: PeoplePort<Who> = directoryPeople(() => directory);

const ann = slackActor('UANN', 'Ann Lee', { locale: 'en' });
const bob = teamsActor('aad-bob', 'Bob Tran');
const dan = slackActor('UDAN', 'Dan Never');

beforeEach(() => {
  t = openTestCore();
  directory = new Map([
    ['bob', bob],
    ['dan', dan],
  ]);
});
afterEach(() => t.close());

const run = (actor: Actor, command: Command<Who>, over: { privateReply?: boolean; context?: string } = {}) =>
  runCommand(t.deps, people, {
    command,
    actor,
    privateReply: over.privateReply ?? true,
    context: over.context ?? null,
  });
const words = (v: CommandView) => (v.content.kind === 'said' ? renderText('en', v.content.said) : '');
const accountOf = (a: Actor) => t.store.getAccountByIdentity(a.identity);

describe('every command kind, once, without a platform', () => {
  it('invite: my card, to the channel; registers me the first time (changed)', async () => {
    const first = await run(ann, { kind: 'invite' });
    expect(first.outcome).toBe('ok');
    expect(first.view).toMatchObject({
      to: 'channel',
      changed: true,
      content: { kind: 'invite_card', link: 'https://invite.example.com/ann-lee' },
    });
    expect((await run(ann, { kind: 'invite' })).view.changed).toBe(false);
  });

  it('link and id: privately, my link and handle', async () => {
    expect((await run(ann, { kind: 'link' })).view.content).toEqual({
      kind: 'link',
      link: 'https://invite.example.com/ann-lee',
    });
    expect((await run(ann, { kind: 'id' })).view).toMatchObject({
      to: 'actor',
      content: { kind: 'id', handle: 'ann-lee' },
    });
  });

  it('id set: changes the handle; a bad one is the core problem and changes nothing', async () => {
    const done = await run(ann, { kind: 'id_set', handle: 'annie' });
    expect(words(done.view)).toBe(
      'Your Chatwork ID is now annie. The old link ann-lee keeps working for 30 days.',
    );
    expect(done.view.changed).toBe(true);
    const bad = await run(ann, { kind: 'id_set', handle: 'x!' });
    expect(bad.outcome).toBe('HANDLE_INVALID');
    expect(bad.view.changed).toBe(false);
    expect((await accountOf(ann))?.handle).toBe('annie');
  });

  it('request by mention, by handle and by link; requests lists both sides', async () => {
    const sent = await run(ann, { kind: 'request', who: '@bob', note: 'hi' }, { context: '#general' });
    expect(sent.outcome).toBe('sent');
    // Bob never used the app: the request waits for him, and he has no handle yet (mention him again).
    expect(words(sent.view)).toContain(
      'Welcome! Your Chatwork ID is ann-lee. Request sent to Bob Tran; it waits',
    );
    const again = await run(ann, { kind: 'request', who: '@bob', note: null });
    expect(again.outcome).toBe('already_pending');
    const mine = await run(bob, { kind: 'requests' });
    expect(mine.view.content.kind).toBe('requests');
    if (mine.view.content.kind !== 'requests') return;
    expect(mine.view.content.incoming.items.map((r) => [r.other?.handle, r.request.source])).toEqual([
      ['ann-lee', 'mention'],
    ]);
    expect(mine.view.content.incoming.items[0]?.request.context).toBe('#general');
    const back = await run(bob, { kind: 'request', who: 'https://invite.example.com/ann-lee', note: null });
    expect(back.outcome).toBe('connected');
    // Ann had asked first: Bob's card of her request is settled (accepted, no buttons left).
    expect(back.view.settled).toMatchObject({ state: 'accepted', other: { handle: 'ann-lee' } });
    expect(back.view.settled?.request.senderId).toBe((await accountOf(ann))?.id);
    expect(sent.view.settled).toBeUndefined();
  });

  it('a request by link records source "link"; by Chatwork ID "handle"', async () => {
    await ensureAccount(t.deps, bob);
    await ensureAccount(t.deps, dan);
    await run(ann, { kind: 'request', who: 'invite.example.com/bob-tran', note: null });
    await run(ann, { kind: 'request', who: 'dan-never', note: null });
    const out = await t.store.listRequests({
      accountId: (await accountOf(ann))!.id,
      direction: 'outgoing',
      now: t.clock.now(),
      limit: 5,
    });
    expect(out.items.map((r) => r.source).sort()).toEqual(['handle', 'link']);
  });

  it('a word that is no one’s ID points to help; own link and contacts read as viewer states', async () => {
    const nobody = await run(ann, { kind: 'request', who: 'no-such-one', note: null });
    expect(nobody.outcome).toBe('NOT_FOUND');
    expect(nobody.view.content).toMatchObject({ kind: 'said', tone: 'bad', help: true });
    const own = await run(ann, { kind: 'request', who: 'ann-lee', note: null });
    expect(words(own.view)).toBe('This is your invite link.');
    expect(own.view.content).not.toHaveProperty('help');
    const looked = await run(ann, { kind: 'request', who: '@nobody', note: null });
    expect(looked.outcome).toBe('NOT_FOUND');
    expect(looked.view.content).not.toHaveProperty('help');
  });

  it('contacts, find and find off/on', async () => {
    await run(ann, { kind: 'request', who: '@bob', note: null });
    await run(bob, { kind: 'request', who: '@nobody', note: null });
    await run(bob, { kind: 'request', who: 'ann-lee', note: null });
    const contacts = await run(ann, { kind: 'contacts' });
    expect(contacts.view.content.kind === 'contacts' && contacts.view.content.contacts.items.length).toBe(1);
    await run(dan, { kind: 'id' });
    const carol = slackActor('UCAROL', 'Carol');
    const found = await run(carol, { kind: 'find', query: 'dan' });
    expect(found.view.content).toMatchObject({
      kind: 'found',
      query: 'dan',
      people: [{ handle: 'dan-never' }],
    });
    const off = await run(dan, { kind: 'searchable', on: false });
    expect(off.view).toMatchObject({ content: { kind: 'searchable', on: false }, changed: true });
    const none = await run(carol, { kind: 'find', query: 'dan' });
    expect(none.view.content).toMatchObject({ kind: 'found', people: [] });
  });

  it('withdraw, remove and block a known person', async () => {
    await run(ann, { kind: 'request', who: '@bob', note: null });
    const withdrawn = await run(ann, { kind: 'withdraw', who: '@bob' });
    expect(words(withdrawn.view)).toBe('Request to Bob Tran withdrawn.');
    expect((await run(ann, { kind: 'withdraw', who: '@bob' })).outcome).toBe('NO_PENDING_REQUEST');
    expect((await run(ann, { kind: 'remove', who: '@bob' })).outcome).toBe('NOT_CONTACTS');
    const blocked = await run(ann, { kind: 'block', who: '@bob' });
    expect(words(blocked.view)).toContain('Blocked. Bob Tran is not notified');
  });

  it('withdraw, remove and block naming someone who never used the app register no one', async () => {
    await ensureAccount(t.deps, ann);
    const answers = [];
    for (const kind of ['withdraw', 'remove', 'block'] as const)
      answers.push(words((await run(ann, { kind, who: '@dan' })).view));
    expect(answers).toEqual([
      'You have no pending request to that person.',
      'That person is not in your contacts.',
      'Dan Never has not used Chatwork Invite yet, so there is nothing to block.',
    ]);
    expect(await accountOf(dan)).toBeNull();
  });

  it('web: a sign-in link only where no one else sees it', async () => {
    const link = await run(ann, { kind: 'web' });
    expect(link.view.content.kind === 'signin' && link.view.content.url).toMatch(/\/signin\?token=/);
    const shared = await run(ann, { kind: 'web' }, { privateReply: false });
    expect(shared.view.content).toEqual({ kind: 'signin_private_only' });
    expect(shared.outcome).toBe('not_private');
  });

  it('help, usage and unknown', async () => {
    expect((await run(ann, { kind: 'help' })).view.content).toEqual({ kind: 'help' });
    expect((await run(ann, { kind: 'usage', usage: 'block' })).view.content).toEqual({
      kind: 'usage',
      usage: 'block',
    });
    const unknown = await run(ann, { kind: 'unknown', word: 'hi' });
    expect(unknown).toEqual({
      view: { to: 'actor', content: { kind: 'help', unknown: 'hi' }, changed: false },
      outcome: 'unknown',
    });
  });

  it('a store outage is a value: STORE_UNAVAILABLE in the view and the outcome', async () => {
    await ensureAccount(t.deps, ann);
    await t.store.close();
    const down = await run(ann, { kind: 'contacts' });
    expect(down.outcome).toBe('STORE_UNAVAILABLE');
    expect(words(down.view)).toContain('temporarily unavailable');
  });
});

describe('telemetry through runFlow counts the real outcome', () => {
  it('a refused request is reported with its code, not ok; a bug as error with a generic view', async () => {
    const seen: string[] = [];
    const flowRun = {
      platform: 'slack' as const,
      action: 'command.request',
      telemetry: {
        action: (...a: string[]) => seen.push(a.join(' ')),
        apiError: () => {},
        deadLetter: () => {},
      },
      log: { error: () => {} },
    };
    await ensureAccount(t.deps, ann);
    await runFlow(flowRun, () => run(ann, { kind: 'request', who: 'ann-lee', note: null }), commandFailed);
    const broken: PeoplePort<Who> = {
      name: async () => {
        throw new Error('bug');
      },
    };
    const view = await runFlow(
      flowRun,
      () =>
        runCommand(t.deps, broken, {
          command: { kind: 'block', who: '@x' },
          actor: ann,
          privateReply: true,
          context: null,
        }),
      commandFailed,
    );
    expect(seen).toEqual(['slack command.request OWN_LINK', 'slack command.request error']);
    expect(words(view)).toBe('Something went wrong on our side. Please try again.');
  });
});
