import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, type Command, noticePlatform, parseCommand } from '../../src/core/index.js';
import { runClick } from '../../src/flows/clicks.js';
import { type CommandView, type PeoplePort, runCommand } from '../../src/flows/commands.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

/** `merge`, `merge <code>` and `unmerge` through the command flow, without a platform (real SQLite). */
let t: TestCore;
const people: PeoplePort<string> = { name: async (who) => ({ kind: 'text', text: who }) };
const samSlack = slackActor('USAM', 'Sam Ito', { locale: 'en' });
const samTeams = teamsActor('aad-sam', 'Sam Ito (Teams)');
const ann = slackActor('UANN', 'Ann Lee');

beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const run = (actor: Actor, command: Command<string>, privateReply = true) =>
  runCommand(t.deps, people, { command, actor, privateReply, context: null });
const words = (v: CommandView, locale: 'en' | 'ja' | 'vi' = 'en') =>
  v.content.kind === 'said' ? renderText(locale, v.content.said) : '';
const codeIn = (v: CommandView) => /\d{8}/.exec(words(v))?.[0] ?? '';

describe('merge through the command flow', () => {
  it('parses merge, merge <code> (spaces and dashes allowed), unmerge; anything else is a usage answer', () => {
    const read = (s: string) => parseCommand(s, () => null);
    expect(read('merge')).toEqual({ kind: 'merge', code: null });
    expect(read('MERGE 1234-5678')).toEqual({ kind: 'merge', code: '12345678' });
    expect(read('merge abc')).toEqual({ kind: 'usage', usage: 'merge' });
    expect(read('unmerge')).toEqual({ kind: 'unmerge' });
    expect(read('unmerge now')).toEqual({ kind: 'usage', usage: 'unmerge' });
  });

  it('merge shows a code only privately; in a public channel it is refused and stores nothing', async () => {
    const pub = await run(samSlack, { kind: 'merge', code: null }, false);
    expect(pub.outcome).toBe('not_private');
    expect(words(pub.view)).toContain('direct message');
    expect(codeIn(pub.view)).toBe('');
    const priv = await run(samSlack, { kind: 'merge', code: null });
    expect(priv.outcome).toBe('code');
    expect(priv.view.to).toBe('actor');
    expect(words(priv.view)).toMatch(
      /Your code is \d{8}\. Within 10 minutes, send `merge \d{8}` to Chatwork Invite in Teams/,
    );
    expect(words(priv.view, 'ja')).toContain('10分以内');
    expect(words(priv.view, 'vi')).toContain('10 phút');
  });

  it('merge <code> from Teams joins the accounts; the code works once; unmerge splits again', async () => {
    await run(samSlack, { kind: 'invite' });
    t.clock.advance(60_000);
    await run(samTeams, { kind: 'invite' });
    await run(ann, { kind: 'request', who: 'sam-ito-teams', note: null });
    const code = codeIn((await run(samSlack, { kind: 'merge', code: null })).view);

    const done = await run(samTeams, { kind: 'merge', code });
    expect(done.outcome).toBe('merged');
    expect(done.view.changed).toBe(true);
    expect(words(done.view)).toContain(
      'Your Slack and Teams accounts are one now, with the Chatwork ID sam-ito',
    );
    const merged = await t.store.getAccountByIdentity(samTeams.identity);
    expect(merged?.handle).toBe('sam-ito');
    expect(merged?.identities.map((i) => i.platform)).toEqual(['slack', 'teams']);
    const incoming = await t.store.listRequests({
      accountId: merged?.id ?? '',
      direction: 'incoming',
      now: t.clock.now(),
      limit: 10,
    });
    expect(incoming.items).toHaveLength(1);

    const again = await run(samTeams, { kind: 'merge', code });
    expect(again.outcome).toBe('MERGE_CODE_INVALID');
    expect(words(again.view)).toContain('unknown, used or expired');

    const split = await run(samTeams, { kind: 'unmerge' });
    expect(split.outcome).toBe('ok');
    expect(words(split.view)).toMatch(
      /on its own again, with the Chatwork ID .+\. Your contacts, requests and blocks stay with sam-ito/,
    );
    expect((await t.store.getAccountByIdentity(samTeams.identity))?.id).not.toBe(merged?.id);
    expect((await t.store.getAccountByIdentity(samSlack.identity))?.identities).toHaveLength(1);
    expect((await run(samTeams, { kind: 'unmerge' })).outcome).toBe('NOT_MERGED');
  });

  it('refusals are told in words: same platform, expired code, a code that is not one', async () => {
    const code = codeIn((await run(samSlack, { kind: 'merge', code: null })).view);
    const same = await run(ann, { kind: 'merge', code });
    expect(same.outcome).toBe('MERGE_SAME_PLATFORM');
    expect(words(same.view, 'ja')).toContain('もう一方のプラットフォーム');
    t.clock.advance(10 * 60_000);
    expect((await run(samTeams, { kind: 'merge', code })).outcome).toBe('MERGE_CODE_INVALID');
    expect((await run(samTeams, { kind: 'merge', code: '123' })).outcome).toBe('MERGE_CODE_INVALID');
  });

  it('notices go to the platform the merged person used last', async () => {
    await run(samSlack, { kind: 'invite' });
    const code = codeIn((await run(samSlack, { kind: 'merge', code: null })).view);
    await run(samTeams, { kind: 'merge', code });
    const merged = async () => (await t.store.getAccountByIdentity(samSlack.identity))!;
    // merge <code> was sent from Teams: Teams is where they are now
    expect(await noticePlatform(t.deps, await merged())).toBe('teams');
    await run(samSlack, { kind: 'requests' });
    expect(await noticePlatform(t.deps, await merged())).toBe('slack');
    await run(samTeams, { kind: 'link' });
    expect(await noticePlatform(t.deps, await merged())).toBe('teams');
    // a click is an act too: accepting a request on a Slack card
    const ann2 = await t.store.getAccountByIdentity(ann.identity);
    expect(ann2).toBeNull();
    await run(ann, { kind: 'request', who: 'sam-ito', note: null });
    const [incoming] = (
      await t.store.listRequests({
        accountId: (await merged()).id,
        direction: 'incoming',
        now: t.clock.now(),
        limit: 5,
      })
    ).items;
    const click = await runClick(t.deps, samSlack, {
      kind: 'accept',
      requestId: incoming?.id ?? '',
      on: 'card',
    });
    expect(click.outcome).toBe('ok');
    expect(await noticePlatform(t.deps, await merged())).toBe('slack');
    await run(samTeams, { kind: 'link' });
    // someone on one platform only: that one, nothing stored
    await run(ann, { kind: 'link' });
    expect(await noticePlatform(t.deps, (await t.store.getAccountByIdentity(ann.identity))!)).toBe('slack');
    expect(
      await t.store.getRecord(
        'last_platform',
        (await t.store.getAccountByIdentity(ann.identity))!.id,
        t.clock.now(),
      ),
    ).toBeNull();
  });
});
