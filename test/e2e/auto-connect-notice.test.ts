import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organisationPolicySchema, type StorePort } from '../../src/core/index.js';
import { TEAM, textOf } from '../bots/slack/support.js';
import { cardText, message, TENANT, user } from '../bots/teams/support.js';
import { T0 } from '../helpers/clock.js';
import { onEveryStore } from './every-store.js';
import { type ListeningServer, listeningServer } from './support.js';

/**
 * Same-organisation auto-connect end to end (issue 15): the real server on 127.0.0.1, a signed Slack
 * command (or a Teams message) over HTTP, the outbox delivered by the real notifiers. The sender is
 * answered "now contacts"; the person asked gets one DM at the fake Slack API (or one card at the
 * fake Bot Connector) saying who joined their contacts; the sender gets no notice. SQLite, Redis,
 * Redis Cluster.
 */
const autoConnect = organisationPolicySchema.parse({ autoConnectSameOrg: true });

function autoConnectSuite(
  name: string,
  open: () => Promise<{ store: StorePort; close: () => Promise<void> }>,
) {
  describe(`${name}: same-organisation auto-connect tells the person asked`, () => {
    let server: ListeningServer;
    let store: StorePort;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      server = await listeningServer({ store, closeStore: opened.close, seed: 21, teams: true });
    });
    afterEach(() => server.close());

    const command = async (userId: string, text: string) => {
      const res = await server.post(server.commandBody(userId, text));
      expect(res.status).toBe(200);
      const reply = res.text ? (JSON.parse(res.text) as { text?: string; blocks?: unknown[] }) : {};
      return `${reply.text ?? ''}\n${textOf(reply.blocks ?? [])}`;
    };
    const dmsTo = (userId: string) =>
      server.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === userId || c.args.channel === `D${userId}`);

    it('Slack: the recipient gets one DM naming the sender, with their link; the sender none', async () => {
      server.slack.addUser({ id: 'UANN', teamId: TEAM, name: 'Ann Lee' });
      server.slack.addUser({ id: 'UBOB', teamId: TEAM, name: 'Bob Tran' });
      expect(await command('UBOB', 'id')).toContain('bob-tran');
      await server.deliverAll();
      await store.putOrganisationPolicy({
        organisation: `slack-workspace:${TEAM}`,
        policy: autoConnect,
        now: T0,
      });

      expect(await command('UANN', 'bob-tran')).toContain('You and Bob Tran are now contacts.');
      expect(dmsTo('UBOB')).toEqual([]);
      await server.deliverAll();
      const dms = dmsTo('UBOB');
      expect(dms).toHaveLength(1);
      const said = `${dms[0]?.args.text ?? ''}\n${textOf((dms[0]?.args.blocks as unknown[]) ?? [])}`;
      expect(said).toContain('Ann Lee');
      expect(said).toContain('is in your organisation, so you are now contacts.');
      expect(JSON.stringify(dms[0]?.args.blocks)).toContain('https://invite.example.com/ann-lee');
      expect(dmsTo('UANN')).toEqual([]);
      // Delivered once: another round sends nothing more.
      await server.deliverAll();
      expect(dmsTo('UBOB')).toHaveLength(1);
    });

    it('Teams: the recipient gets one card in their chat with the bot', async () => {
      const tina = user('tina', 'Tina Ho');
      const tom = user('tom', 'Tom Ng');
      const say = async (u: typeof tina, text: string) => {
        const before = server.connector?.sends(u.conversationId).length ?? 0;
        const res = await fetch(`${server.base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message({ connector: server.connector! }, u, text)),
        });
        expect(res.status).toBeLessThan(300);
        const sent = server.connector?.sends(u.conversationId) ?? [];
        return sent
          .slice(before)
          .map((c) => cardText(server.connector?.cardOf(c)))
          .join('\n');
      };
      expect(await say(tom, 'id')).toContain('tom-ng');
      await server.deliverAll();
      await store.putOrganisationPolicy({
        organisation: `teams-tenant:${TENANT}`,
        policy: autoConnect,
        now: T0,
      });
      const before = server.connector?.sends(tom.conversationId).length ?? 0;
      expect(await say(tina, 'tom-ng')).toContain('You and Tom Ng are now contacts.');
      await server.deliverAll();
      const cards = (server.connector?.sends(tom.conversationId) ?? []).slice(before);
      expect(cards).toHaveLength(1);
      expect(cardText(server.connector?.cardOf(cards[0]))).toContain(
        'Tina Ho is in your organisation, so you are now contacts.',
      );
    });
  });
}

await onEveryStore('auto-connect e2e', autoConnectSuite);
