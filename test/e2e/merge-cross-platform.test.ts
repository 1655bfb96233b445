import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Identity, StorePort } from '../../src/core/index.js';
import { TEAM, textOf } from '../bots/slack/support.js';
import { cardText, message, TENANT, user } from '../bots/teams/support.js';
import type { FakeConnector } from '../fakes/bot-connector.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import type { TestClock } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { onEveryStore } from './every-store.js';
import { listeningServer } from './support.js';

/**
 * One person, two platforms, end to end: both bots on the real server listening on 127.0.0.1, Slack
 * commands signed and posted over HTTP, Teams activities posted over HTTP with the fake Bot Connector
 * taking the bot's answers, the fake Slack Web API recording DMs, the outbox delivered by the real
 * dispatcher. Sam has a Slack account (older) and a Teams account, each with a contact and a pending
 * request; `merge` in Teams, `merge <code>` in Slack; then notices follow the platform Sam used last.
 */
const samTeams = user('sam', 'Sam Park');
const SAM_SLACK = 'U0SAM';

interface World {
  store: StorePort;
  clock: TestClock;
  slack: FakeSlack;
  connector: FakeConnector;
  /** `/chatwork-invite <text>` from a Slack user: the words of the ack's body. */
  command(userId: string, text: string): Promise<string>;
  /** A Teams message from Sam in the personal chat: the words of the card the bot answered with. */
  teams(text: string): Promise<string>;
  deliverAll(): Promise<void>;
  close(): Promise<void>;
}

async function openWorld(store: StorePort, closeStore: () => Promise<void>): Promise<World> {
  const server = await listeningServer({ store, closeStore, seed: 5, teams: true });
  const { slack, connector } = server;
  if (!connector) throw new Error('no Bot Connector');
  slack.addUser({ id: SAM_SLACK, teamId: TEAM, name: 'Sam Park' });
  return {
    store,
    clock: server.clock,
    slack,
    connector,
    async command(userId, text) {
      const res = await server.post(server.commandBody(userId, text));
      expect(res.status).toBe(200);
      const reply = res.text ? (JSON.parse(res.text) as { text?: string; blocks?: unknown[] }) : {};
      return `${reply.text ?? ''} ${textOf(reply.blocks ?? [])}`;
    },
    async teams(text) {
      const before = connector.sends(samTeams.conversationId).length;
      const res = await fetch(`${server.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message({ connector }, samTeams, text)),
      });
      expect(res.status).toBeLessThan(300);
      const sent = connector.sends(samTeams.conversationId);
      expect(sent.length).toBeGreaterThan(before);
      return cardText(connector.cardOf(sent.at(-1)));
    },
    deliverAll: server.deliverAll,
    close: server.close,
  };
}

function mergeSuite(name: string, open: () => Promise<{ store: StorePort; close: () => Promise<void> }>) {
  describe(`${name}: merge across a Slack and a Teams identity over HTTP`, () => {
    let w: World;
    beforeEach(async () => {
      const opened = await open();
      w = await openWorld(opened.store, opened.close);
    });
    afterEach(() => w.close());

    let ids = 0;
    const someone = async (name: string, identity: Identity): Promise<Account> => {
      const res = await w.store.registerAccount({
        id: `acc_e2e_${++ids}`,
        identity,
        displayName: name,
        locale: 'en',
        handleCandidates: [name.toLowerCase()],
        now: w.clock.now(),
      });
      if (!res.ok) throw new Error('register');
      return res.value.account;
    };
    const send = async (from: Account, to: Account) => {
      const res = await w.store.sendRequest({
        requestId: `req_e2e_${++ids}`,
        senderId: from.id,
        recipientId: to.id,
        note: null,
        source: 'handle',
        context: null,
        now: w.clock.now(),
        newId: () => `evt_e2e_${++ids}`,
      });
      if (!res.ok) throw new Error(`send: ${res.error.code}`);
      return res.value.request;
    };
    const connect = async (a: Account, b: Account) => {
      const req = await send(a, b);
      const res = await w.store.decideRequest({
        requestId: req.id,
        actorId: b.id,
        action: 'accept',
        now: w.clock.now(),
        newId: () => `evt_e2e_${++ids}`,
      });
      if (!res.ok) throw new Error('accept');
    };

    it('merge in Teams, merge <code> in Slack: one account with both contacts and requests; notices follow the platform used last', async () => {
      // Sam on Slack first (the older account), then on Teams.
      expect(await w.command(SAM_SLACK, 'id')).toContain('sam-park');
      w.clock.advance(60_000);
      expect(await w.teams('id')).toContain('Chatwork ID');
      const slackSam = await w.store.getAccountByIdentity(slackIdentity(SAM_SLACK, TEAM));
      const teamsSam = await w.store.getAccountByIdentity({
        platform: 'teams',
        tenantId: TENANT,
        aadObjectId: samTeams.aadObjectId,
      });
      if (!slackSam || !teamsSam) throw new Error('accounts');
      expect(teamsSam.id).not.toBe(slackSam.id);

      const ann = await someone('Ann', slackIdentity('U0ANN', TEAM));
      const carl = await someone('Carl', { platform: 'teams', tenantId: TENANT, aadObjectId: 'aad-carl' });
      const tina = await someone('Tina', { platform: 'teams', tenantId: TENANT, aadObjectId: 'aad-tina' });
      const uma = await someone('Uma', slackIdentity('U0UMA', TEAM));
      await connect(slackSam, ann);
      await connect(carl, teamsSam);
      const fromTina = await send(tina, teamsSam);
      const toUma = await send(slackSam, uma);
      await w.deliverAll();

      // merge: the code, in Sam's personal chat only
      const said = await w.teams('merge');
      const code = /\d{8}/.exec(said)?.[0];
      expect(said).toContain('Within 10 minutes');
      expect(code).toBeDefined();
      // merge <code> from Slack: one account, the older handle
      expect(await w.command(SAM_SLACK, `merge ${code}`)).toContain(
        'Your Slack and Teams accounts are one now, with the Chatwork ID `sam-park`',
      );
      const merged = await w.store.getAccountByIdentity({
        platform: 'teams',
        tenantId: TENANT,
        aadObjectId: samTeams.aadObjectId,
      });
      expect(merged?.id).toBe(slackSam.id);
      expect(merged?.identities.map((i) => i.platform)).toEqual(['slack', 'teams']);
      expect(await w.store.getAccount(teamsSam.id)).toBeNull();
      // the same code a second time: refused, in words
      expect(await w.command(SAM_SLACK, `merge ${code}`)).toContain('unknown, used or expired');

      const contacts = await w.store.listContacts({ accountId: slackSam.id, limit: 10 });
      expect(contacts.items.map((c) => c.account.displayName).sort()).toEqual(['Ann', 'Carl']);
      const incoming = await w.store.listRequests({
        accountId: slackSam.id,
        direction: 'incoming',
        now: w.clock.now(),
        limit: 10,
      });
      expect(incoming.items.map((r) => r.id)).toEqual([fromTina.id]);
      const outgoing = await w.store.listRequests({
        accountId: slackSam.id,
        direction: 'outgoing',
        now: w.clock.now(),
        limit: 10,
      });
      expect(outgoing.items.map((r) => r.id)).toEqual([toUma.id]);
      // Both lists say so on either platform
      expect(await w.teams('contacts')).toMatch(/Ann[\s\S]*Carl|Carl[\s\S]*Ann/);

      // Sam used Teams last: a new request to Sam reaches Teams, not Slack
      const dora = await someone('Dora', slackIdentity('U0DORA', TEAM));
      const slackBefore = w.slack.callsTo('chat.postMessage').length;
      const teamsBefore = w.connector.sends(samTeams.conversationId).length;
      await send(dora, merged as Account);
      await w.deliverAll();
      const toTeams = w.connector.sends(samTeams.conversationId).slice(teamsBefore);
      expect(toTeams.map((c) => cardText(w.connector.cardOf(c))).join('\n')).toContain(
        'Dora wants to connect with you.',
      );
      expect(w.slack.callsTo('chat.postMessage').length).toBe(slackBefore);

      // Sam acts in Slack: the next notice goes to Slack
      await w.command(SAM_SLACK, 'requests');
      const eve = await someone('Eve', slackIdentity('U0EVE', TEAM));
      const teamsBefore2 = w.connector.sends(samTeams.conversationId).length;
      await send(eve, merged as Account);
      await w.deliverAll();
      const dm = w.slack.callsTo('chat.postMessage').slice(slackBefore);
      expect(dm.map((c) => `${c.text ?? ''} ${textOf(c.blocks ?? [])}`).join('\n')).toContain('Eve');
      expect(w.connector.sends(samTeams.conversationId).length).toBe(teamsBefore2);
    });

    it('unmerge in Teams splits Sam again: Teams gets a fresh account, the contacts stay', async () => {
      await w.command(SAM_SLACK, 'id');
      w.clock.advance(60_000);
      await w.teams('id');
      const code = /\d{8}/.exec(await w.teams('merge'))?.[0];
      await w.command(SAM_SLACK, `merge ${code}`);
      const split = await w.teams('unmerge');
      expect(split).toContain('This account is on its own again');
      expect(split).toContain('stay with sam-park.');
      const teamsAgain = await w.store.getAccountByIdentity({
        platform: 'teams',
        tenantId: TENANT,
        aadObjectId: samTeams.aadObjectId,
      });
      const slackSam = await w.store.getAccountByIdentity(slackIdentity(SAM_SLACK, TEAM));
      expect(teamsAgain?.id).not.toBe(slackSam?.id);
      expect(slackSam?.identities).toHaveLength(1);
    });
  });
}

await onEveryStore('merge e2e', mergeSuite);
