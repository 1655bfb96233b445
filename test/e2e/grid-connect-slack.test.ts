import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/bots/slack/values.js';
import type { StorePort } from '../../src/core/index.js';
import { organisationOf } from '../../src/core/organisations.js';
import { organisationPolicySchema } from '../../src/core/organisations-policy.js';
import { actionsOf, SIGNING_SECRET, sign, TEAM } from '../bots/slack/support.js';
import { T0 } from '../helpers/clock.js';
import { fixtureJson } from '../helpers/fixtures.js';
import { gridIdentity, slackIdentity } from '../helpers/identities.js';
import { onEveryStore } from './every-store.js';
import { type ListeningServer, listeningServer } from './support.js';

/**
 * Enterprise Grid and Slack Connect end to end: the real server listening on 127.0.0.1 with OAuth
 * installations (no SLACK_BOT_TOKEN), every request signed as Slack signs it and posted over HTTP, the
 * fake Slack Web API recording which token each call carries. Once on SQLite, once on Redis.
 */
const ORG = 'E1XXX'; // the enterprise of Slack's org-wide install example
const GRID_A = 'T0GRIDA';
const GRID_B = 'T0GRIDB';
const GUEST_TEAM = 'T0GUEST';
const NOPE_TEAM = 'T0NOPE';
const GUEST_ORG = 'E0GUESTORG';

type Body = { text?: string; blocks?: unknown[]; response_type?: string };

function gridSuite(name: string, open: () => Promise<{ store: StorePort; close: () => Promise<void> }>) {
  describe(`${name}: Enterprise Grid and Slack Connect in Slack over HTTP`, () => {
    let s: ListeningServer;
    let store: StorePort;
    let n = 0;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      s = await listeningServer({ store, closeStore: opened.close, seed: 15, oauth: true });
    });
    afterEach(async () => s.close());

    /** /slack/install → Slack's consent (skipped) → /slack/oauth_redirect with the state cookie; the page. */
    async function install(answer: Record<string, unknown>): Promise<string> {
      s.slack.oauthAnswer = answer;
      const start = await fetch(`${s.base}/slack/install`, { redirect: 'manual' });
      const state = new URL(String(start.headers.get('location'))).searchParams.get('state') ?? '';
      const cookie = String(start.headers.get('set-cookie')).split(';')[0] ?? '';
      const done = await fetch(
        `${s.base}/slack/oauth_redirect?code=c${++n}&state=${encodeURIComponent(state)}`,
        {
          headers: { cookie },
        },
      );
      expect(done.status).toBe(200);
      return done.text();
    }
    const installWorkspace = (teamId: string, token: string, enterpriseId: string | null = null) =>
      install({
        access_token: token,
        team: { id: teamId, name: teamId },
        enterprise: enterpriseId ? { id: enterpriseId } : null,
        is_enterprise_install: false,
      });

    async function command(
      user: string,
      teamId: string,
      enterpriseId: string | null,
      text: string,
    ): Promise<Body> {
      const body = new URLSearchParams({
        team_id: teamId,
        ...(enterpriseId ? { enterprise_id: enterpriseId, is_enterprise_install: 'true' } : {}),
        team_domain: teamId.toLowerCase(),
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: user,
        command: '/chatwork-invite',
        text,
        response_url: s.slack.responseUrl(`cmd-${++n}`),
        trigger_id: `trigger-${n}`,
      }).toString();
      const res = await s.post(body);
      expect(res.status).toBe(200);
      return res.text ? (JSON.parse(res.text) as Body) : {};
    }

    /** A click on a message in a channel of `teamId` by `user` of `userTeamId` (another one: a guest). */
    async function click(
      at: { teamId: string; enterpriseId?: string },
      user: { id: string; teamId: string },
      actionId: string,
      value: string,
    ): Promise<number> {
      const payload = {
        type: 'block_actions',
        team: { id: at.teamId, domain: at.teamId.toLowerCase() },
        ...(at.enterpriseId ? { enterprise: { id: at.enterpriseId, name: 'Starship' } } : {}),
        user: { id: user.id, username: user.id.toLowerCase(), team_id: user.teamId },
        api_app_id: 'A0001',
        trigger_id: `trigger-${++n}`,
        container: {
          type: 'message',
          message_ts: '1700000000.000100',
          channel_id: 'C0SHARED',
          is_ephemeral: false,
        },
        channel: { id: 'C0SHARED', name: 'shared' },
        response_url: s.slack.responseUrl(`click-${n}`),
        actions: [{ type: 'button', action_id: actionId, value, action_ts: `1700000000.${n}` }],
      };
      return (await s.post(`payload=${encodeURIComponent(JSON.stringify(payload))}`)).status;
    }
    const button = (body: Body, actionId: string) => {
      const found = actionsOf(body.blocks).find((a) => a.action_id === actionId);
      if (!found) throw new Error(`no ${actionId} button`);
      return found.value;
    };
    const lastResponse = () => s.slack.responses.at(-1)?.body ?? {};
    const dmsTo = (userId: string) =>
      s.slack.callsTo('chat.postMessage').filter((c) => c.channel === userId || c.channel === `D${userId}`);

    it('an org-wide install serves every workspace of the enterprise, and one person spans them', async () => {
      const org = fixtureJson('slack', 'oauth.v2.access.enterprise-install.json');
      expect(await install({ ...org, access_token: 'xoxb-grid-org' })).toContain('Starship');
      s.slack.addUser({ id: 'W1', teamId: GRID_A, name: 'Wendy Grid' });
      s.slack.addUser({ id: 'W2', teamId: GRID_B, name: 'Walt Grid' });

      // A command from a workspace of the enterprise: its installation is the enterprise's.
      const card = await command('W1', GRID_A, ORG, '');
      expect(card.response_type).toBe('in_channel');
      expect(s.slack.callsTo('users.info').map((c) => c.token)).toEqual(['xoxb-grid-org']);
      const wendy = await store.getAccountByIdentity(gridIdentity('W1', GRID_A, ORG));
      expect(wendy?.displayName).toBe('Wendy Grid');
      // The same user id in another workspace of the enterprise is the same person.
      expect((await command('W1', GRID_B, ORG, 'id')).text).toContain(`${wendy?.handle}`);
      expect((await store.getAccountByIdentity(gridIdentity('W1', GRID_B, ORG)))?.id).toBe(wendy?.id);
      // Another enterprise, or no enterprise, never collides with her.
      expect(await store.getAccountByIdentity(gridIdentity('W1', GRID_A, 'E0OTHER'))).toBeNull();
      expect(await store.getAccountByIdentity(slackIdentity('W1', GRID_A))).toBeNull();

      // Walt, in the other workspace, opens "Add with a note" (a token named by workspace only) and adds her.
      expect(
        await click(
          { teamId: GRID_B, enterpriseId: ORG },
          { id: 'W2', teamId: GRID_B },
          ACTION.addNote,
          button(card, ACTION.addNote),
        ),
      ).toBe(200);
      expect(s.slack.callsTo('views.open').map((c) => c.token)).toEqual(['xoxb-grid-org']);
      expect(
        await click(
          { teamId: GRID_B, enterpriseId: ORG },
          { id: 'W2', teamId: GRID_B },
          ACTION.add,
          button(card, ACTION.add),
        ),
      ).toBe(200);
      const walt = await store.getAccountByIdentity(gridIdentity('W2', GRID_B, ORG));
      if (!wendy || !walt) throw new Error('not registered');
      expect((await store.relationship(walt.id, wendy.id)).outgoing?.state).toBe('pending');
      await s.deliverAll();
      expect(dmsTo('W1').map((c) => c.token)).toEqual(['xoxb-grid-org']);

      // A member whose user.team_id names their home workspace (not the channel's): Slack says they are
      // of this organisation, so they are one of its people. Someone of another organisation is not.
      s.slack.addUser({ id: 'W3', teamId: 'T0GRIDC', name: 'Wes Grid', enterpriseId: ORG });
      s.slack.addUser({ id: 'X9', teamId: 'T0ELSE', name: 'Xena Else', enterpriseId: 'E0ELSE' });
      const inA = { teamId: GRID_A, enterpriseId: ORG };
      expect(await click(inA, { id: 'W3', teamId: 'T0GRIDC' }, ACTION.add, button(card, ACTION.add))).toBe(
        200,
      );
      expect(String(lastResponse().text)).toContain('Request sent to Wendy Grid');
      expect((await store.getAccountByIdentity(gridIdentity('W3', 'T0GRIDC', ORG)))?.identities).toEqual([
        gridIdentity('W3', GRID_A, ORG),
      ]);
      expect(await click(inA, { id: 'X9', teamId: 'T0ELSE' }, ACTION.add, button(card, ACTION.add))).toBe(
        200,
      );
      expect(String(lastResponse().text)).toContain('not installed in your own workspace');
      expect(await store.getAccountByIdentity(gridIdentity('X9', 'T0ELSE', 'E0ELSE'))).toBeNull();
      expect(await store.getAccountByIdentity(gridIdentity('X9', GRID_A, ORG))).toBeNull();
    });

    it('an uninstall removes the org-wide installation only when Slack says it is the org-wide one', async () => {
      const org = fixtureJson('slack', 'oauth.v2.access.enterprise-install.json');
      await install({ ...org, access_token: 'xoxb-grid-org' });
      const uninstalled = fixtureJson<{ authorizations: Array<Record<string, unknown>> }>(
        'slack',
        'event_callback.enterprise-install.app_uninstalled.json',
      );
      const event = (wide: boolean) => {
        const auth = {
          ...uninstalled.authorizations[0],
          enterprise_id: ORG,
          team_id: GRID_A,
          is_enterprise_install: wide,
        };
        return { ...uninstalled, team_id: GRID_A, event_id: `Ev${++n}`, authorizations: [auth] };
      };
      const postEvent = async (body: unknown) => {
        const raw = JSON.stringify(body);
        const ts = Math.floor(s.clock.now() / 1000);
        const res = await fetch(`${s.base}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': sign(SIGNING_SECRET, ts, raw),
          },
          body: raw,
        });
        expect(res.status).toBe(200);
        await s.post(''); // waits for the work after the ack (an empty body is only acknowledged)
      };
      const orgInstall = () => store.getRecord('slack_installation', `enterprise:${ORG}`, s.clock.now());
      // One workspace of the organisation removes the app: the org-wide installation stays.
      await postEvent(event(false));
      expect(await orgInstall()).not.toBeNull();
      // The organisation removes it: gone, and nothing is sent to its workspaces afterwards.
      await postEvent(event(true));
      expect(await orgInstall()).toBeNull();
      s.slack.addUser({ id: 'W1', teamId: GRID_A, name: 'Wendy Grid' });
      await command('W1', GRID_A, ORG, 'id');
      expect(s.slack.callsTo('users.info')).toEqual([]);
    });

    it('a shared-channel guest is registered in their own workspace and hears back through its installation', async () => {
      await installWorkspace(TEAM, 'xoxb-host');
      // The guest's workspace is in a Grid organisation of its own: its installation says which.
      await installWorkspace(GUEST_TEAM, 'xoxb-guest', GUEST_ORG);
      s.slack.addUser({ id: 'UOWN', teamId: TEAM, name: 'Olivia Owner' });
      s.slack.addUser({ id: 'UGST', teamId: GUEST_TEAM, name: 'Gus Guest' });
      const card = await command('UOWN', TEAM, null, '');

      expect(
        await click(
          { teamId: TEAM },
          { id: 'UGST', teamId: GUEST_TEAM },
          ACTION.add,
          button(card, ACTION.add),
        ),
      ).toBe(200);
      expect(String(lastResponse().text)).toContain('Request sent to Olivia Owner');
      // Their own workspace: found by it, never by the workspace whose channel it was.
      const gus = await store.getAccountByIdentity(gridIdentity('UGST', GUEST_TEAM, GUEST_ORG));
      expect(gus?.identities).toEqual([gridIdentity('UGST', GUEST_TEAM, GUEST_ORG)]);
      expect(await store.getAccountByIdentity(slackIdentity('UGST', TEAM))).toBeNull();
      expect(await store.getAccountByIdentity(slackIdentity('UGST', GUEST_TEAM))).toBeNull();
      // His profile was read with his own workspace's token.
      const read = s.slack.callsTo('users.info').filter((c) => c.args.user === 'UGST');
      expect(read.length).toBeGreaterThan(0);
      expect(new Set(read.map((c) => c.token))).toEqual(new Set(['xoxb-guest']));
      const olivia = await store.getAccountByIdentity(slackIdentity('UOWN', TEAM));
      if (!gus || !olivia) throw new Error('not registered');
      expect((await store.relationship(gus.id, olivia.id)).outgoing?.state).toBe('pending');

      // Olivia hears of it through her workspace's installation, accepts; Gus hears back through his.
      await s.deliverAll();
      const request = dmsTo('UOWN');
      expect(request.map((c) => c.token)).toEqual(['xoxb-host']);
      const accept = actionsOf(request[0]?.blocks).find((a) => a.action_id === ACTION.accept);
      if (!accept) throw new Error('no [Accept]');
      expect(await click({ teamId: TEAM }, { id: 'UOWN', teamId: TEAM }, ACTION.accept, accept.value)).toBe(
        200,
      );
      await s.deliverAll();
      expect(dmsTo('UGST').map((c) => c.token)).toEqual(['xoxb-guest']);
      expect(
        s.slack
          .callsTo('chat.postMessage')
          .filter((c) => c.token === 'xoxb-host' && c.channel?.endsWith('UGST')),
      ).toEqual([]);
      expect((await store.relationship(gus.id, olivia.id)).areContacts).toBe(true);
    });

    it("a guest's click is subject to both organisations' policies", async () => {
      await installWorkspace(TEAM, 'xoxb-host');
      await installWorkspace(GUEST_TEAM, 'xoxb-guest', GUEST_ORG);
      s.slack.addUser({ id: 'UOWN', teamId: TEAM, name: 'Olivia Owner' });
      s.slack.addUser({ id: 'UGST', teamId: GUEST_TEAM, name: 'Gus Guest' });
      const card = await command('UOWN', TEAM, null, '');
      const policy = (organisation: string, p: unknown) =>
        store.putOrganisationPolicy({ organisation, policy: organisationPolicySchema.parse(p), now: T0 });
      const guestOrg = organisationOf(gridIdentity('UGST', GUEST_TEAM, GUEST_ORG)).key;
      const hostOrg = organisationOf(slackIdentity('UOWN', TEAM)).key;
      const olivia = await store.getAccountByIdentity(slackIdentity('UOWN', TEAM));
      if (!olivia) throw new Error('not registered');
      const incoming = async () =>
        (await store.listRequests({ accountId: olivia.id, direction: 'incoming', now: T0, limit: 10 })).items;
      const add = () =>
        click({ teamId: TEAM }, { id: 'UGST', teamId: GUEST_TEAM }, ACTION.add, button(card, ACTION.add));

      // His organisation allows requests with no one outside: refused, nothing stored.
      await policy(guestOrg, { requests: 'none' });
      expect(await add()).toBe(200);
      expect(String(lastResponse().text)).toBe('Your organisation does not allow this.');
      expect(await incoming()).toEqual([]);
      // Hers lists other workspaces only: refused too.
      await policy(guestOrg, { requests: 'all' });
      await policy(hostOrg, { requests: 'listed', allowed: { workspaces: ['E0ELSEWHERE'] } });
      expect(await add()).toBe(200);
      expect(String(lastResponse().text)).toBe(
        "Olivia Owner's organisation does not allow connections with yours.",
      );
      expect(await incoming()).toEqual([]);
      // Once she lists his organisation, the same click goes through.
      await policy(hostOrg, { requests: 'listed', allowed: { workspaces: [GUEST_ORG] } });
      expect(await add()).toBe(200);
      expect(String(lastResponse().text)).toContain('Request sent to Olivia Owner');
      expect(await incoming()).toHaveLength(1);
    });

    it('a guest whose workspace has no installation is told so in their language, and nothing changes', async () => {
      await installWorkspace(TEAM, 'xoxb-host');
      s.slack.addUser({ id: 'UOWN', teamId: TEAM, name: 'Olivia Owner' });
      s.slack.addUser({ id: 'UNOPE', teamId: NOPE_TEAM, name: 'Nobu', locale: 'ja-JP' });
      const card = await command('UOWN', TEAM, null, '');
      const olivia = await store.getAccountByIdentity(slackIdentity('UOWN', TEAM));

      expect(
        await click(
          { teamId: TEAM },
          { id: 'UNOPE', teamId: NOPE_TEAM },
          ACTION.add,
          button(card, ACTION.add),
        ),
      ).toBe(200);
      expect(lastResponse()).toMatchObject({ response_type: 'ephemeral' });
      expect(String(lastResponse().text)).toContain('ワークスペースにインストールされていない');
      expect(await store.getAccountByIdentity(slackIdentity('UNOPE', NOPE_TEAM))).toBeNull();
      expect(await store.getAccountByIdentity(slackIdentity('UNOPE', TEAM))).toBeNull();
      if (!olivia) throw new Error('not registered');
      const incoming = await store.listRequests({
        accountId: olivia.id,
        direction: 'incoming',
        now: T0,
        limit: 10,
      });
      expect(incoming.items).toEqual([]);
      await s.deliverAll();
      expect(dmsTo('UOWN')).toEqual([]);
    });
  });
}

await onEveryStore('grid and connect e2e', gridSuite, { cluster: false });
