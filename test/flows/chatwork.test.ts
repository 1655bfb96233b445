import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatworkActions } from '../../src/chatwork/actions.js';
import { chatPortOf } from '../../src/chatwork/index.js';
import { type Actor, type Command, type CoreDeps, parseCommand } from '../../src/core/index.js';
import { provideChatwork } from '../../src/flows/chatwork.js';
import { decideChatworkRequest } from '../../src/flows/chatwork-requests.js';
import { runClick } from '../../src/flows/clicks.js';
import { type CommandView, type PeoplePort, runCommand } from '../../src/flows/commands.js';
import { renderText } from '../../src/i18n/text.js';
import { type Bridge, openBridge } from '../chatwork/support.js';
import { TEST_PUBLIC_URL } from '../helpers/core.js';
import { slackActor } from '../helpers/identities.js';

/**
 * `chatwork connect | token | disconnect` through the command flow, without a platform: a real
 * SQLite store, the bridge's real linking against the fake Chatwork API over HTTP.
 */
const NO_PEOPLE: PeoplePort<string> = { name: async (text) => ({ kind: 'text', text }) };
const ann = slackActor('UANN', 'Ann Lee', { locale: 'en' });
const bob = slackActor('UBOB', 'Bob Tran', { locale: 'en' });

let b: Bridge;
let deps: CoreDeps;

async function setUp(oauth = true) {
  b = await openBridge({ oauth });
  deps = { store: b.store, clock: b.clock, random: b.random, publicUrl: TEST_PUBLIC_URL };
  const actions = chatworkActions({ api: b.api, linking: b.linking, clock: b.clock });
  provideChatwork(deps, chatPortOf({ api: b.api, linking: b.linking, actions, poller: b.poller() }));
}
beforeEach(() => setUp());
afterEach(() => b.close());

const chatwork = (line: string): Command<string> => parseCommand<string>(line, () => null);
const run = (actor: Actor, line: string, direct = true) =>
  runCommand(deps, NO_PEOPLE, { command: chatwork(line), actor, privateReply: true, direct, context: null });
const words = (v: CommandView) => (v.content.kind === 'said' ? renderText('en', v.content.said) : '');
const accountOf = async (a: Actor) => {
  const account = await b.store.getAccountByIdentity(a.identity);
  if (!account) throw new Error('not registered');
  return account;
};

describe('the grammar', () => {
  it('reads connect, disconnect and token <t>; anything else is the usage line, never echoing a token', () => {
    expect(chatwork('chatwork connect')).toEqual({ kind: 'chatwork', action: 'connect' });
    expect(chatwork('Chatwork DISCONNECT')).toEqual({ kind: 'chatwork', action: 'disconnect' });
    expect(chatwork('chatwork token abc123def456')).toEqual({
      kind: 'chatwork',
      action: 'token',
      token: 'abc123def456',
    });
    for (const bad of ['chatwork', 'chatwork token', 'chatwork token a b', 'chatwork connect now'])
      expect(chatwork(bad)).toEqual({ kind: 'usage', usage: 'chatwork' });
  });
});

describe('chatwork connect', () => {
  it('answers with the consent link, bound to the actor, only to them', async () => {
    const { view, outcome } = await run(ann, 'chatwork connect', false);
    expect(outcome).toBe('ok');
    expect(view.to).toBe('actor');
    if (view.content.kind !== 'chatwork_connect') throw new Error(view.content.kind);
    const url = new URL(view.content.url);
    expect(url.pathname).toBe('/packages/oauth2/login.php');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${TEST_PUBLIC_URL}/chatwork/oauth_redirect`);
  });

  it('without OAuth, points to `chatwork token` in a direct message', async () => {
    await b.close();
    await setUp(false);
    const { view, outcome } = await run(ann, 'chatwork connect');
    expect(outcome).toBe('NOT_CONFIGURED');
    expect(words(view)).toContain('chatwork token <API token>');
  });
});

describe('chatwork token', () => {
  it('in a channel: refused, the token is not repeated, nothing is linked and Chatwork is not asked', async () => {
    const cw = b.cw.addAccount({ chatwork_id: 'ann_cw' });
    const { view, outcome } = await run(ann, `chatwork token ${cw.apiToken}`, false);
    expect(outcome).toBe('not_private');
    expect(JSON.stringify(view)).not.toContain(cw.apiToken);
    expect(words(view)).toContain('direct message');
    expect(b.cw.calls).toHaveLength(0);
    expect(await b.store.getAccountByIdentity(ann.identity)).toBeNull();
  });

  it('in a DM: checked with GET /me, kept sealed, and the handle becomes the real Chatwork ID (old one an alias)', async () => {
    const cw = b.cw.addAccount({ name: 'Ann (Chatwork)', chatwork_id: 'ann_cw' });
    await run(ann, 'id');
    const before = (await accountOf(ann)).handle;
    const { view, outcome } = await run(ann, `chatwork token ${cw.apiToken}`);
    expect(outcome).toBe('ok');
    expect(words(view)).toContain('https://www.chatwork.com/ann_cw');
    expect(words(view)).toContain('Ann (Chatwork)');
    const account = await accountOf(ann);
    expect(account.handle).toBe('ann_cw');
    expect((await b.store.resolveHandle(before, b.clock.now()))?.account.id).toBe(account.id);
    const link = await b.linking.getLink(account.id);
    expect(link).toMatchObject({ kind: 'api_token', chatworkId: 'ann_cw', status: 'active' });
    expect(link?.token).not.toContain(cw.apiToken);
    expect(b.cw.callsTo('GET /me')).toHaveLength(1);
  });

  it('a Chatwork ID already taken here: ours is kept and both are shown', async () => {
    await run(bob, 'id set shared_id');
    const cw = b.cw.addAccount({ chatwork_id: 'shared_id' });
    const { view } = await run(ann, `chatwork token ${cw.apiToken}`);
    expect((await accountOf(ann)).handle).not.toBe('shared_id');
    expect(words(view)).toContain('shared_id');
    expect(words(view)).toContain((await accountOf(ann)).handle);
    expect(words(view)).toContain('https://www.chatwork.com/shared_id');
  });

  it('an account without a Chatwork ID: linked, with how to set one in Chatwork', async () => {
    const cw = b.cw.addAccount({ chatwork_id: '' });
    const { view, outcome } = await run(ann, `chatwork token ${cw.apiToken}`);
    expect(outcome).toBe('ok');
    expect(words(view)).toContain('Edit profile → Chatwork ID');
  });

  it('a token Chatwork refuses: nothing kept', async () => {
    const { view, outcome } = await run(ann, 'chatwork token not-a-real-token-123');
    expect(outcome).toBe('TOKEN_REFUSED');
    expect(words(view)).toContain('did not accept');
    expect(await b.linking.getLink((await accountOf(ann)).id)).toBeNull();
  });
});

describe('chatwork disconnect', () => {
  it('deletes the link and its token; a second time says nothing is linked', async () => {
    const cw = b.cw.addAccount({ chatwork_id: 'ann_cw' });
    await run(ann, `chatwork token ${cw.apiToken}`);
    const first = await run(ann, 'chatwork disconnect', false);
    expect(first.outcome).toBe('ok');
    expect(await b.linking.getLink((await accountOf(ann)).id)).toBeNull();
    const again = await run(ann, 'chatwork disconnect', false);
    expect(again.outcome).toBe('NOT_LINKED');
  });
});

it('without the bridge, every chatwork command says it is off', async () => {
  const bare: CoreDeps = { ...deps };
  const { view, outcome } = await runCommand(bare, NO_PEOPLE, {
    command: chatwork('chatwork connect'),
    actor: ann,
    privateReply: true,
    context: null,
  });
  expect(outcome).toBe('not_configured');
  expect(words(view)).toContain('not available');
});

describe('[Accept] / [Not now] on a Chatwork request card', () => {
  async function linkedAnn() {
    const cw = b.cw.addAccount({ chatwork_id: 'ann_cw' });
    await run(ann, `chatwork token ${cw.apiToken}`);
    return { cw, ownerId: (await accountOf(ann)).id };
  }
  const click = (actor: Actor, ownerId: string, requestId: number, action: 'accept' | 'decline') =>
    decideChatworkRequest(deps, actor, { ownerId, requestId, action, name: 'Bob <Chatwork>' });

  it('Accept: PUT once with the owner’s token, the card settles with the new chat’s link', async () => {
    const { cw, ownerId } = await linkedAnn();
    const r = b.cw.addRequest(cw.accountId, { name: 'Bob <Chatwork>' });
    const { view, outcome } = await click(ann, ownerId, Number(r.request_id), 'accept');
    expect(outcome).toBe('accepted');
    expect(view).toMatchObject({
      kind: 'settled',
      roomUrl: expect.stringMatching(/^https:\/\/www\.chatwork\.com\/#!rid\d+$/),
    });
    expect(renderText('en', view.said)).toContain('Bob <Chatwork> is now one of your contacts');
    const puts = b.cw.calls.filter((c) => c.route === `PUT /incoming_requests/${r.request_id}`);
    expect(puts).toMatchObject([{ auth: 'api_token', token: cw.apiToken, status: 200 }]);
  });

  it('Not now: DELETE; a request handled in Chatwork meanwhile: "already handled", nothing else', async () => {
    const { cw, ownerId } = await linkedAnn();
    const r = b.cw.addRequest(cw.accountId);
    const declined = await click(ann, ownerId, Number(r.request_id), 'decline');
    expect(declined.outcome).toBe('declined');
    expect(b.cw.callsTo(`DELETE /incoming_requests/${r.request_id}`)).toHaveLength(1);
    const again = await click(ann, ownerId, Number(r.request_id), 'accept');
    expect(again.outcome).toBe('ALREADY_HANDLED');
    expect(again.view.kind).toBe('settled');
    expect(renderText('en', again.view.said)).toContain('already handled in Chatwork');
  });

  it('someone else clicking the card: NOT_YOURS, and Chatwork is not called', async () => {
    const { cw, ownerId } = await linkedAnn();
    const r = b.cw.addRequest(cw.accountId);
    await run(bob, 'id');
    const before = b.cw.calls.length;
    const { view, outcome } = await click(bob, ownerId, Number(r.request_id), 'accept');
    expect(outcome).toBe('NOT_YOURS');
    expect(view.kind).toBe('said');
    expect(b.cw.calls.length).toBe(before);
  });

  it('a token Chatwork refuses (401): the link is broken and the clicker is told how to reconnect', async () => {
    const { cw, ownerId } = await linkedAnn();
    const r = b.cw.addRequest(cw.accountId);
    b.cw.revoke(cw.accountId);
    const { view, outcome } = await click(ann, ownerId, Number(r.request_id), 'accept');
    expect(outcome).toBe('BROKEN');
    expect(renderText('en', view.said)).toContain('chatwork connect');
    expect(await b.linking.getLink(ownerId)).toMatchObject({ status: 'broken' });
  });
});

describe('the real link and "already a contact"', () => {
  it('the invite card of a linked person carries their chatwork.com link; of anyone else, none', async () => {
    const cw = b.cw.addAccount({ chatwork_id: 'ann_cw' });
    await run(ann, `chatwork token ${cw.apiToken}`);
    const mine = await runCommand(deps, NO_PEOPLE, {
      command: { kind: 'invite' },
      actor: ann,
      privateReply: false,
      context: null,
    });
    expect(mine.view.content).toMatchObject({
      kind: 'invite_card',
      chatworkUrl: 'https://www.chatwork.com/ann_cw',
    });
    const bobs = await runCommand(deps, NO_PEOPLE, {
      command: { kind: 'invite' },
      actor: bob,
      privateReply: false,
      context: null,
    });
    expect(bobs.view.content.kind).toBe('invite_card');
    expect(bobs.view.content).not.toHaveProperty('chatworkUrl');
  });

  it('[Add to contacts] between two linked people who are Chatwork contacts already: says so, sends nothing', async () => {
    const annCw = b.cw.addAccount({ chatwork_id: 'ann_cw' });
    const bobCw = b.cw.addAccount({ chatwork_id: 'bob_cw', name: 'Bob Tran' });
    await run(ann, `chatwork token ${annCw.apiToken}`);
    await run(bob, `chatwork token ${bobCw.apiToken}`);
    const owner = await accountOf(ann);
    bobCw.contacts.push({ ...annCw.me });
    const { view, outcome } = await runClick(deps, bob, { kind: 'add', ownerId: owner.id, context: null });
    expect(outcome).toBe('ALREADY_CHATWORK_CONTACTS');
    expect(view.view.kind === 'said' && renderText('en', view.view.text)).toContain(
      'already contacts in Chatwork',
    );
    expect(b.cw.callsTo('GET /contacts')).toMatchObject([{ token: bobCw.apiToken, status: 200 }]);

    // Not Chatwork contacts: the usual request is sent.
    bobCw.contacts.length = 0;
    const sent = await runClick(deps, bob, { kind: 'add', ownerId: owner.id, context: null });
    expect(sent.outcome).not.toBe('ALREADY_CHATWORK_CONTACTS');
    expect(sent.view.changed).toBe(true);
  });

  it('`/chatwork-invite <who>` between two linked Chatwork contacts: the same rule, by handle or as a person; nothing sent', async () => {
    const annCw = b.cw.addAccount({ chatwork_id: 'ann_cw' });
    const bobCw = b.cw.addAccount({ chatwork_id: 'bob_cw', name: 'Bob Tran' });
    await run(ann, `chatwork token ${annCw.apiToken}`);
    await run(bob, `chatwork token ${bobCw.apiToken}`);
    const owner = await accountOf(ann);
    const me = await accountOf(bob);
    bobCw.contacts.push({ ...annCw.me });
    const asPerson: PeoplePort<string> = {
      name: async () => ({ kind: 'person', actor: ann, source: 'mention' }),
    };
    const request = (people: PeoplePort<string>, who: string) =>
      runCommand(deps, people, {
        command: { kind: 'request', who, note: null },
        actor: bob,
        privateReply: true,
        context: null,
      });
    for (const [people, who] of [
      [NO_PEOPLE, owner.handle],
      [NO_PEOPLE, `${TEST_PUBLIC_URL}/${owner.handle}`],
      [asPerson, '@ann'],
    ] as const) {
      const { view, outcome } = await request(people, who);
      expect(outcome).toBe('ALREADY_CHATWORK_CONTACTS');
      expect(words(view)).toBe('You and Ann Lee are already contacts in Chatwork. Nothing was sent.');
      expect(view.changed).toBe(false);
    }
    expect(b.cw.callsTo('GET /contacts')).toHaveLength(3);
    const outgoing = () =>
      b.store.listRequests({ accountId: me.id, direction: 'outgoing', now: b.clock.now(), limit: 10 });
    expect((await outgoing()).items).toEqual([]);

    // Not Chatwork contacts: the usual request is sent.
    bobCw.contacts.length = 0;
    const sent = await request(NO_PEOPLE, owner.handle);
    expect(sent.outcome).not.toBe('ALREADY_CHATWORK_CONTACTS');
    expect((await outgoing()).items).toHaveLength(1);
  });
});
