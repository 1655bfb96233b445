import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, ADD_NOTE_CALLBACK } from '../../src/bots/slack/values.js';
import type { StorePort } from '../../src/core/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { actionsOf, TEAM, textOf } from '../bots/slack/support.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import { T0, type TestClock } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { openFreshStore, STANDALONE, withRedis } from '../store/redis-support.js';
import { listeningServer } from './support.js';

/**
 * The block list and bulk accept in Slack, end to end: the real server listening on 127.0.0.1, every
 * request signed as Slack signs it and posted over HTTP, the fake Slack Web API recording what the
 * bot sends, the outbox delivered by the real dispatcher. Once on SQLite, once on Redis.
 */
interface World {
  store: StorePort;
  clock: TestClock;
  slack: FakeSlack;
  /** `/chatwork-invite <text>` from `userId`: the ack's JSON body. */
  command(userId: string, text: string): Promise<{ text?: string; blocks?: unknown[] }>;
  /** A `block_actions` click; the HTTP status (the work after the ack is waited for). */
  click(userId: string, actionId: string, value: string): Promise<number>;
  /** A `view_submission` of a modal with one input; the ack's JSON body. */
  submit(
    userId: string,
    callbackId: string,
    metadata: string,
    value: string,
  ): Promise<Record<string, unknown>>;
  /** Delivers the outbox until it is empty. */
  deliverAll(): Promise<void>;
  close(): Promise<void>;
}

async function openWorld(store: StorePort, closeStore: () => Promise<void>): Promise<World> {
  const server = await listeningServer({ store, closeStore, seed: 11 });
  const { post } = server;
  return {
    store,
    clock: server.clock,
    slack: server.slack,
    async command(userId, text) {
      const res = await post(server.commandBody(userId, text));
      expect(res.status).toBe(200);
      return res.text ? JSON.parse(res.text) : {};
    },
    async click(userId, actionId, value) {
      return (await post(server.clickBody(userId, actionId, value))).status;
    },
    async submit(userId, callbackId, metadata, value) {
      const payload = {
        type: 'view_submission',
        team: { id: TEAM, domain: 'acme' },
        user: { id: userId, name: userId.toLowerCase(), team_id: TEAM },
        api_app_id: 'A0001',
        view: {
          id: 'VNOTE',
          type: 'modal',
          callback_id: callbackId,
          private_metadata: metadata,
          state: { values: { note: { value: { type: 'plain_text_input', value } } } },
        },
      };
      const res = await post(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      expect(res.status).toBe(200);
      return res.text ? JSON.parse(res.text) : {};
    },
    deliverAll: server.deliverAll,
    close: server.close,
  };
}

const lastResponse = (w: World) => w.slack.responses.at(-1)?.body ?? {};

function peopleSuite(name: string, open: () => Promise<{ store: StorePort; close: () => Promise<void> }>) {
  describe(`${name}: blocked, unblock and accept all in Slack over HTTP`, () => {
    let w: World;
    beforeEach(async () => {
      const opened = await open();
      w = await openWorld(opened.store, opened.close);
    });
    afterEach(async () => w.close());

    const person = (id: string, name: string) => w.slack.addUser({ id, teamId: TEAM, name });
    const accountOf = async (userId: string) => {
      const a = await w.store.getAccountByIdentity(slackIdentity(userId, TEAM));
      if (!a) throw new Error(`no account for ${userId}`);
      return a;
    };

    it('block, the block list with [Unblock], the click lifts it; unblocking again is NOT_BLOCKED', async () => {
      person('UANN', 'Ann Lee');
      person('UBOB', 'Bob <b>&');
      await w.command('UANN', 'id');
      await w.command('UBOB', 'id');
      expect((await w.command('UANN', 'block <@UBOB>')).text).toContain('Blocked.');
      const list = await w.command('UANN', 'blocked');
      expect(textOf(list.blocks)).toContain('People you blocked');
      expect(textOf(list.blocks)).toContain('Bob &lt;b&gt;&amp;');
      const unblock = actionsOf(list.blocks).find((a) => a.action_id === ACTION.unblock);
      if (!unblock) throw new Error('no [Unblock]');
      expect(await w.click('UANN', ACTION.unblock, unblock.value)).toBe(200);
      // The ack came after the change was stored.
      expect(
        (await w.store.relationship((await accountOf('UANN')).id, (await accountOf('UBOB')).id)).aBlocksB,
      ).toBe(false);
      expect(String(lastResponse(w).text)).toBe(
        'Bob &lt;b&gt;&amp; is unblocked. They are not notified, and can send you requests again.',
      );
      expect(textOf((await w.command('UANN', 'blocked')).blocks)).toContain('You have not blocked anyone.');
      expect((await w.command('UANN', 'unblock <@UBOB>')).text).toBe('That person is not blocked.');
      // Bob can ask again, and Ann is told.
      await w.deliverAll();
      const before = w.slack.callsTo('chat.postMessage').length;
      await w.command('UBOB', '<@UANN>');
      await w.deliverAll();
      expect(
        w.slack
          .callsTo('chat.postMessage')
          .slice(before)
          .map((c) => c.channel),
      ).toEqual(['UANN']);
    });

    it('accept all for 40 requests: asked first, then each accepted; 40 senders told once each', async () => {
      person('UANN', 'Ann Lee');
      await w.command('UANN', 'id');
      const senders = Array.from({ length: 40 }, (_, i) => `US${String(i).padStart(3, '0')}`);
      for (const id of senders) {
        person(id, `Sender ${id}`);
        await w.command(id, '<@UANN>');
        w.clock.advance(100);
      }
      await w.deliverAll();
      expect(w.slack.callsTo('chat.postMessage').filter((c) => c.channel === 'UANN')).toHaveLength(40);

      const asked = await w.command('UANN', 'accept all');
      expect(textOf(asked.blocks)).toContain('Accept 40 incoming requests?');
      const confirm = actionsOf(asked.blocks).find((a) => a.action_id === ACTION.acceptAll);
      if (!confirm) throw new Error('no "Accept all (40)"');
      expect(textOf(asked.blocks)).toContain('Accept all (40)');
      // Asking changed nothing.
      const ann = await accountOf('UANN');
      const pending = () =>
        w.store.listRequests({ accountId: ann.id, direction: 'incoming', now: w.clock.now(), limit: 100 });
      expect((await pending()).items).toHaveLength(40);

      const posted = w.slack.callsTo('chat.postMessage').length;
      expect(await w.click('UANN', ACTION.acceptAll, confirm.value)).toBe(200);
      expect((await pending()).items).toHaveLength(0);
      expect(String(lastResponse(w).text)).toBe('Accepted 40 requests. You are now contacts.');
      await w.deliverAll();
      await w.deliverAll();
      const told = w.slack.callsTo('chat.postMessage').slice(posted);
      const perChannel = new Map<string, number>();
      for (const c of told) perChannel.set(String(c.channel), (perChannel.get(String(c.channel)) ?? 0) + 1);
      expect([...perChannel.keys()].sort()).toEqual([...senders].sort());
      expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
      expect(told.every((c) => String(c.text).includes('Ann Lee'))).toBe(true);

      // The same confirmation clicked again accepts nothing and tells no one.
      expect(await w.click('UANN', ACTION.acceptAll, confirm.value)).toBe(200);
      expect(String(lastResponse(w).text)).toBe(
        'Accepted 0 requests. 40 had already been answered and were left as they were.',
      );
      await w.deliverAll();
      expect(w.slack.callsTo('chat.postMessage').length).toBe(posted + 40);
    });

    it('a note from a click: "Add with a note" opens a modal; its note reaches the recipient escaped', async () => {
      person('UANN', 'Ann Lee');
      person('UBOB', 'Bob Tran');
      await w.command('UBOB', 'id');
      const card = await w.command('UANN', '');
      const addNote = actionsOf(card.blocks).find((a) => a.action_id === ACTION.addNote);
      if (!addNote) throw new Error('no "Add with a note"');
      // [Add to contacts] keeps its one click, beside it.
      expect(actionsOf(card.blocks).map((a) => a.action_id)).toEqual([ACTION.add, ACTION.addNote]);
      expect(await w.click('UBOB', ACTION.addNote, addNote.value)).toBe(200);
      const opened = w.slack.callsTo('views.open').at(-1)?.args;
      const modal = opened?.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
      expect(modal.callback_id).toBe(ADD_NOTE_CALLBACK);
      expect(JSON.stringify(modal.blocks)).toContain('"max_length":300');
      // Opening it sent nothing.
      const ann = await accountOf('UANN');
      const bob = await accountOf('UBOB');
      expect((await w.store.relationship(bob.id, ann.id)).outgoing).toBeNull();

      const tooLong = await w.submit('UBOB', modal.callback_id, modal.private_metadata, 'x'.repeat(301));
      expect(tooLong).toMatchObject({ response_action: 'errors' });
      expect((await w.store.relationship(bob.id, ann.id)).outgoing).toBeNull();

      const note = '<b>& see you at *the* meetup <!channel>';
      const done = await w.submit('UBOB', modal.callback_id, modal.private_metadata, note);
      expect(done.response_action).toBe('update');
      expect(textOf((done.view as { blocks: unknown[] }).blocks)).toContain('Request sent to Ann Lee.');
      // Stored before the ack, with the note as typed and the source of a link.
      const sent = (await w.store.relationship(bob.id, ann.id)).outgoing;
      expect(sent).toMatchObject({ note, source: 'link', state: 'pending' });
      const before = w.slack.callsTo('chat.postMessage').length;
      await w.deliverAll();
      const dm = w.slack.callsTo('chat.postMessage').slice(before);
      expect(dm.map((c) => c.channel)).toEqual(['UANN']);
      const shown = textOf(dm[0]?.args.blocks);
      expect(shown).toContain('&lt;b&gt;&amp; see you at *the* meetup &lt;!channel&gt;');
      expect(shown).not.toContain('<b>');
      expect(shown).not.toContain('<!channel>');
    });
  });
}

peopleSuite('sqlite', async () => {
  const store = openSqliteStore({ path: ':memory:', now: T0 });
  return { store, close: () => store.close() };
});

await withRedis('people e2e on redis', STANDALONE, () => {
  peopleSuite('redis', () => openFreshStore(STANDALONE));
});
