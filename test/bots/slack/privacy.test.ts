import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELETE_DATA_CALLBACK, PRIVACY_ACTION } from '../../../src/bots/slack/values.js';
import type { Identity } from '../../../src/core/index.js';
import { actionsOf, type Harness, type SlackUserRef, slackHarness, TEAM, textOf } from './support.js';

/**
 * `delete my data` and `export my data` in Slack, end to end: signed requests to the real server, the
 * fake Slack Web API, a real SQLite store. The page of a deleted person answers 410 (`test/store/
 * deletion-scan.test.ts` checks that no row or key is left, on SQLite, Redis and Redis Cluster).
 */
let h: Harness;
let ann: SlackUserRef;
let bob: SlackUserRef;
const id = (userId: string): Identity => ({ platform: 'slack', teamId: TEAM, userId });
const accountOf = (u: SlackUserRef) => h.store.getAccountByIdentity(id(u.id));
const last = () => h.slack.responses.at(-1)?.body ?? {};

beforeEach(async () => {
  h = await slackHarness();
  ann = h.user('UANN', 'Ann Lee');
  bob = h.user('UBOB', 'Bob Baker');
  await h.command(ann, '');
  await h.command(bob, '<@UANN> hi from bob & co');
});
afterEach(async () => h.close());

async function confirmButton(user: SlackUserRef) {
  const asked = await h.command(user, 'delete my data');
  expect(asked.response_type).toBe('ephemeral');
  const buttons = actionsOf(asked.blocks);
  const del = buttons.find((a) => a.action_id === PRIVACY_ACTION.deleteData);
  if (!del) throw new Error('no delete button');
  expect(buttons.map((a) => a.action_id)).toEqual([PRIVACY_ACTION.deleteData, PRIVACY_ACTION.deleteCancel]);
  return { asked, value: del.value };
}

describe('delete my data (Slack)', () => {
  it('asks first; the confirmation deletes everything: the page answers 410, bob no longer sees a request', async () => {
    const annAccount = await accountOf(ann);
    const bobAccount = await accountOf(bob);
    if (!annAccount || !bobAccount) throw new Error('fixture');
    expect((await h.app.inject({ url: `/${annAccount.handle}` })).statusCode).toBe(200);
    const { asked, value } = await confirmButton(ann);
    expect(textOf(asked.blocks)).toContain('`ann-lee`');
    expect(await accountOf(ann)).not.toBeNull();
    expect(await h.click(ann, PRIVACY_ACTION.deleteData, value, { container: 'ephemeral' })).toBe(200);
    expect(String(last().text)).toBe(
      'Everything stored about you is deleted. `ann-lee` and its page are gone. If you use the app again, you start afresh.',
    );
    expect(await accountOf(ann)).toBeNull();
    expect(await h.store.accountData(annAccount.id, h.clock.now())).toBeNull();
    const page = await h.app.inject({ url: `/${annAccount.handle}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).not.toContain('Ann Lee');
    const bobs = await h.command(bob, 'requests');
    expect(textOf(bobs.blocks)).not.toContain('Ann Lee');
    const sent = await h.store.listRequests({
      accountId: bobAccount.id,
      direction: 'outgoing',
      now: h.clock.now(),
      limit: 10,
    });
    expect(sent.items).toEqual([]);
  });

  it("someone else's click on the confirmation (a forged value) deletes nothing; [Keep my data] neither", async () => {
    const { value } = await confirmButton(ann);
    await h.click(bob, PRIVACY_ACTION.deleteData, value, { container: 'ephemeral' });
    expect(String(last().text)).toBe(
      'Only the person whose data it is can confirm its deletion. Nothing was deleted.',
    );
    await h.click(ann, PRIVACY_ACTION.deleteData, '{"h":', { container: 'ephemeral' });
    await h.click(ann, PRIVACY_ACTION.deleteCancel, '{}', { container: 'ephemeral' });
    expect(String(last().text)).toBe('Nothing was deleted.');
    expect(await accountOf(ann)).not.toBeNull();
    expect(await accountOf(bob)).not.toBeNull();
  });

  it('help lists both commands; a word after delete other than "my data" gets the usage line', async () => {
    expect(String((await h.command(ann, 'help')).text)).toContain(
      '`/chatwork-invite export my data`, `delete my data`',
    );
    expect(String((await h.command(ann, 'delete everything')).text)).toBe(
      'To delete everything stored about you: `/chatwork-invite delete my data`.',
    );
  });
});

describe('[Delete my data] in App Home (Slack)', () => {
  /** A view_submission as Slack sends it (api.slack.com/reference/interaction-payloads/views). */
  const submit = async (user: SlackUserRef, metadata: string) => {
    const payload = {
      type: 'view_submission',
      team: { id: TEAM, domain: 'acme' },
      user: { id: user.id, team_id: TEAM, name: user.id.toLowerCase() },
      view: {
        id: 'VDEL',
        callback_id: DELETE_DATA_CALLBACK,
        private_metadata: metadata,
        state: { values: {} },
      },
    };
    const res = await h.post(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    await h.bot.drain();
    return res;
  };
  const modalText = (body: string) =>
    textOf((JSON.parse(body) as { view: { blocks: unknown[] } }).view.blocks);

  it("App Home shows the button; the click opens the confirmation modal; only the owner's submission deletes, and Home is not drawn again from the store", async () => {
    const annAccount = await accountOf(ann);
    if (!annAccount) throw new Error('fixture');
    await h.event({ type: 'app_home_opened', user: 'UANN', channel: 'D1', tab: 'home' });
    const home = h.slack.callsTo('views.publish').at(-1)?.args.view as { blocks: unknown[] };
    expect(actionsOf(home.blocks).map((a) => a.action_id)).toContain(PRIVACY_ACTION.deleteAsk);

    expect(
      await h.click(ann, PRIVACY_ACTION.deleteAsk, 'ask', { container: 'view', triggerId: 'trig-del' }),
    ).toBe(200);
    const opened = h.slack.callsTo('views.open').at(-1)?.args as {
      trigger_id: string;
      view: { callback_id: string; private_metadata: string; blocks: unknown[] };
    };
    expect(opened.trigger_id).toBe('trig-del');
    expect(opened.view.callback_id).toBe(DELETE_DATA_CALLBACK);
    expect(textOf(opened.view.blocks)).toContain('`ann-lee`');
    expect(await accountOf(ann)).not.toBeNull();

    const forged = await submit(bob, opened.view.private_metadata);
    expect(modalText(forged.body)).toBe(
      'Only the person whose data it is can confirm its deletion. Nothing was deleted.',
    );
    expect(modalText((await submit(ann, '{"h":')).body)).not.toContain('deleted. `ann-lee`');
    expect(await accountOf(ann)).not.toBeNull();

    const publishes = h.slack.callsTo('views.publish').length;
    const done = await submit(ann, opened.view.private_metadata);
    expect(done.statusCode).toBe(200);
    expect(modalText(done.body)).toContain(
      'Everything stored about you is deleted. `ann-lee` and its page are gone.',
    );
    expect(await accountOf(ann)).toBeNull();
    expect(await h.store.accountData(annAccount.id, h.clock.now())).toBeNull();
    expect((await h.app.inject({ url: `/${annAccount.handle}` })).statusCode).toBe(410);
    const after = h.slack.callsTo('views.publish').slice(publishes);
    expect(after).toHaveLength(1);
    const plain = after[0]?.args.view as { blocks: unknown[] };
    expect(textOf(plain.blocks)).toContain('Everything stored about you is deleted.');
    expect(actionsOf(plain.blocks)).toEqual([]);
    expect(await accountOf(ann)).toBeNull();
    expect(await accountOf(bob)).not.toBeNull();
  });
});

describe('export my data (Slack)', () => {
  it('answers privately with a one-time link to a JSON document of everything stored, note included', async () => {
    const reply = await h.command(bob, 'export my data');
    expect(reply.response_type).toBe('ephemeral');
    const url = /"url":"(https:[^"]+\/export\/[^"]+)"/.exec(reply.raw)?.[1] ?? '';
    expect(url).toMatch(/^https:\/\/invite\.example\.com\/export\/[A-Za-z0-9_-]{20,}$/);
    const res = await h.app.inject({ url: new URL(url).pathname });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.account.displayName).toBe('Bob Baker');
    expect(doc.requests).toMatchObject([
      { direction: 'sent', state: 'pending', note: 'hi from bob & co', other: { displayName: 'Ann Lee' } },
    ]);
    expect((await h.app.inject({ url: new URL(url).pathname })).statusCode).toBe(404);
  });
});

describe('leaving the workspace (Slack user_change, deleted: true)', () => {
  /** Written from the shape on api.slack.com/events/user_change (the event's `user` is a user object). */
  const userChange = (userId: string, deleted: boolean) => ({
    type: 'user_change',
    user: { id: userId, team_id: TEAM, name: userId.toLowerCase(), deleted, profile: {} },
    cache_ts: 1700000000,
  });

  it('deactivates: the page answers 410, the request waiting for them expires, find hides them, notices to them stop; acting again brings them back', async () => {
    const annAccount = await accountOf(ann);
    if (!annAccount) throw new Error('fixture');
    expect(textOf((await h.command(bob, 'find ann')).blocks)).toContain('Ann Lee');
    const bobAccount = await accountOf(bob);
    const outgoing = () =>
      h.store.listRequests({
        accountId: bobAccount?.id ?? '',
        direction: 'outgoing',
        now: h.clock.now(),
        limit: 10,
      });
    const [waiting] = (await outgoing()).items;
    expect(waiting).toMatchObject({ recipientId: annAccount.id, state: 'pending' });
    expect(await h.event(userChange('UANN', false))).toBe(200);
    expect((await h.app.inject({ url: `/${annAccount.handle}` })).statusCode).toBe(200);
    expect(await h.event(userChange('UANN', true))).toBe(200);
    const page = await h.app.inject({ url: `/${annAccount.handle}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Its owner has left.');
    expect((await h.store.getRequest(waiting?.id ?? ''))?.state).toBe('expired');
    expect((await outgoing()).items).toEqual([]);
    expect(textOf((await h.command(bob, 'find ann')).blocks)).not.toContain('Ann Lee');
    const before = h.slack.calls.length;
    const report = await h.deliver();
    expect(report).toMatchObject({ delivered: 1 });
    expect(h.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    await h.command(ann, 'id');
    expect((await h.app.inject({ url: `/${annAccount.handle}` })).statusCode).toBe(200);
    expect(textOf((await h.command(bob, 'find ann')).blocks)).toContain('Ann Lee');
  });
});
