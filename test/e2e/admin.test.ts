import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MS, type StorePort } from '../../src/core/index.js';
import { SIGNING_SECRET, sign, TEAM, textOf } from '../bots/slack/support.js';
import { BOT_ID, cardText, message, TENANT, user } from '../bots/teams/support.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { onEveryStore } from './every-store.js';
import { type ListeningServer, listeningServer } from './support.js';

/**
 * Organisation admins end to end: the real server listening on 127.0.0.1, signed Slack commands over
 * HTTP with the fake Slack API (whose users.info says who is a workspace admin and gives e-mails),
 * Teams activities over HTTP with the fake Bot Connector, the audit download fetched over HTTP. On
 * SQLite, Redis and Redis Cluster. Acme (T0001): Ann is an admin, Bob is not; Carol works at
 * another company (T0002, other.example), Dave at a partner (T0003, partner.example).
 */
const ACME_ORG = `slack-workspace:${TEAM}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const D0 = day(T0);
const D2 = day(T0 + 2 * MS.DAY);

interface Answer {
  words: string;
  /** The audit download link of the answer, if it has one. */
  link: string | null;
}

async function slackWorld(server: ListeningServer) {
  const { slack } = server;
  slack.addUser({ id: 'UANN', teamId: TEAM, name: 'Ann Lee', email: 'ann@acme.example', isAdmin: true });
  slack.addUser({ id: 'UBOB', teamId: TEAM, name: 'Bob Tran', email: 'bob@acme.example' });
  slack.addUser({ id: 'UCAROL', teamId: 'T0002', name: 'Carol Vu', email: 'carol@other.example' });
  slack.addUser({
    id: 'UDAVE',
    teamId: 'T0003',
    name: 'Dave Ito',
    email: 'dave@partner.example',
    isOwner: true,
  });
  const teamOf: Record<string, string> = { UCAROL: 'T0002', UDAVE: 'T0003' };
  return async (userId: string, text: string): Promise<Answer> => {
    const res = await server.post(server.commandBody(userId, text, teamOf[userId] ?? TEAM));
    expect(res.status).toBe(200);
    const reply = res.text ? (JSON.parse(res.text) as { text?: string; blocks?: unknown[] }) : {};
    const link = /https?:\/\/[^"\s]*\/audit-export\/[A-Za-z0-9_-]+/.exec(res.text)?.[0] ?? null;
    return { words: `${reply.text ?? ''}\n${textOf(reply.blocks ?? [])}`, link };
  };
}

/** GET the download the way a browser would; the path of the link on this server. */
async function download(server: ListeningServer, link: string) {
  const res = await fetch(`${server.base}${new URL(link).pathname}`, {
    headers: { 'user-agent': 'Mozilla/5.0' },
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

function adminSuite(name: string, open: () => Promise<{ store: StorePort; close: () => Promise<void> }>) {
  describe(`${name}: Slack admins over HTTP`, () => {
    let server: ListeningServer;
    let store: StorePort;
    let command: Awaited<ReturnType<typeof slackWorld>>;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      server = await listeningServer({ store, closeStore: opened.close, seed: 15 });
      command = await slackWorld(server);
    });
    afterEach(() => server.close());

    const accountOf = async (userId: string, teamId = TEAM) => {
      const found = await store.getAccountByIdentity(slackIdentity(userId, teamId));
      if (!found) throw new Error(`${userId} has no account`);
      return found;
    };

    it('a non-admin is refused and nothing changes; an allow-list of domains refuses another company and lets a partner through; same-organisation auto-connect; the export of a date range holds exactly its records', async () => {
      // Bob is no admin of Acme: refused in words, the policy stays as it was.
      for (const text of ['admin requests listed', 'admin', `admin export ${D0} ${D0}`]) {
        const refused = await command('UBOB', text);
        expect(refused.words).toContain('Only an admin of your organisation can do this');
        expect(refused.link).toBeNull();
      }
      expect(await store.getOrganisationPolicy(ACME_ORG)).toBeNull();

      // Ann, a workspace admin (users.info is_admin), allows only partner.example, and auto-connect.
      expect((await command('UANN', 'id')).words).toContain('ann-lee');
      expect((await command('UANN', 'admin requests listed')).words).toContain('only with the organisations');
      const added = await command('UANN', 'admin allow add partner.example');
      expect(added.words).toContain('partner.example` is on the allow-list now.');
      await command('UANN', 'admin auto-connect on');
      const shown = await command('UANN', 'admin');
      expect(shown.words).toContain('Requests with other organisations: only with the allow-list.');
      expect(shown.words).toContain('Requests inside the organisation connect at once: on.');
      expect(shown.words).toContain('partner.example');

      // Carol's company is not listed: refused, nothing stored.
      const carol = await command('UCAROL', 'ann-lee');
      expect(carol.words).toMatch(/organisation does not allow/);
      const ann = await accountOf('UANN');
      const pending = () =>
        store.listRequests({ accountId: ann.id, direction: 'incoming', now: server.clock.now(), limit: 10 });
      expect((await pending()).items).toEqual([]);

      // Dave's domain is on the list: his request waits for Ann.
      expect((await command('UDAVE', 'ann-lee')).words).toContain('Ann Lee');
      const dave = await accountOf('UDAVE', 'T0003');
      expect((await pending()).items.map((r) => r.senderId)).toEqual([dave.id]);

      // Bob is of Acme too: with auto-connect his request connects them at once.
      server.clock.advance(60_000);
      expect((await command('UBOB', 'ann-lee')).words).toContain('You and Ann Lee are now contacts.');
      const bob = await accountOf('UBOB');

      // Two days later Ann removes Bob.
      server.clock.advance(2 * MS.DAY);
      expect((await command('UANN', 'remove bob-tran')).words).toContain('Bob Tran');

      // The first day: exactly Dave's request and Bob's connection, as CSV, once.
      const first = await command('UANN', `admin export ${D0} ${D0}`);
      expect(first.words).toContain(`The audit records of ${D0} to ${D0} (UTC), as CSV.`);
      if (!first.link) throw new Error('no link');
      // A link preview (Slack unfurling it) and a made-up token get the expired page and use nothing up.
      const preview = await fetch(`${server.base}${new URL(first.link).pathname}`, {
        headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
      });
      expect(preview.status).toBe(404);
      expect(await preview.text()).toContain('This download link has expired');
      expect((await download(server, 'https://x.example/audit-export/AAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(
        404,
      );
      const csv = await download(server, first.link);
      expect(csv.status).toBe(200);
      expect(csv.type).toContain('text/csv');
      const rows = csv.body.trimEnd().split('\r\n');
      expect(rows[0]).toBe('at,action,organisations,actor_id,other_id,request_id,source');
      const cells = rows.slice(1).map((r) => r.split(','));
      // Ann's three policy changes of that day come first, by her, with what she set.
      expect(
        cells.map(([, action, orgs, actor, other]) => [action, orgs?.split(' ').sort(), actor, other]),
      ).toEqual([
        ['policy_changed', [ACME_ORG], ann.id, ''],
        ['policy_changed', [ACME_ORG], ann.id, ''],
        ['policy_changed', [ACME_ORG], ann.id, ''],
        ['request_sent', [ACME_ORG, 'slack-workspace:T0003'], dave.id, ann.id],
        ['request_connected', [ACME_ORG], bob.id, ann.id],
      ]);
      expect(new Set(cells.map(([at]) => at?.slice(0, 10)))).toEqual(new Set([D0]));
      expect(cells.slice(0, 3).map((c) => c[6])).toEqual([
        'requests=listed',
        'allowed.domains=partner.example',
        'autoConnectSameOrg=true',
      ]);
      expect((await download(server, first.link)).status).toBe(404);

      // The third day alone, as JSON Lines: only the removal.
      const third = await command('UANN', `admin export ${D2} ${D2} jsonl`);
      if (!third.link) throw new Error('no link');
      const jsonl = await download(server, third.link);
      expect(jsonl.type).toContain('application/x-ndjson');
      const lines = jsonl.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        expect.objectContaining({
          action: 'contact_removed',
          organisations: [ACME_ORG],
          actor_id: ann.id,
          other_id: bob.id,
        }),
      ]);

      // The whole range: all three, oldest first; Carol's refused request is nowhere.
      const all = await command('UANN', `admin export ${D0} ${D2} jsonl`);
      const every = (await download(server, all.link ?? '')).body.trimEnd().split('\n');
      expect(every.map((l) => JSON.parse(l).action).filter((a) => a !== 'policy_changed')).toEqual([
        'request_sent',
        'request_connected',
        'contact_removed',
      ]);
      expect(every.join('\n')).not.toContain('T0002');
    });

    it('in an Enterprise Grid organisation only its org admins and owners set its policy, for all of it', async () => {
      const ORG = 'E0GRID';
      server.slack.addUser({
        id: 'WGUS',
        teamId: 'T0GRIDA',
        enterpriseId: ORG,
        name: 'Gus Ko',
        isAdmin: true,
      });
      server.slack.addUser({
        id: 'WOLGA',
        teamId: 'T0GRIDB',
        enterpriseId: ORG,
        name: 'Olga Sa',
        orgAdmin: true,
      });
      const gridCommand = async (userId: string, teamId: string, text: string) => {
        const body = new URLSearchParams(server.commandBody(userId, text, teamId));
        body.set('enterprise_id', ORG);
        const res = await server.post(body.toString());
        return `${res.text}`;
      };
      // Gus administers his workspace, not the organisation: refused.
      expect(await gridCommand('WGUS', 'T0GRIDA', 'admin requests none')).toContain(
        'Only an admin of your organisation',
      );
      expect(await store.getOrganisationPolicy(`slack-enterprise:${ORG}`)).toBeNull();
      // Olga is an org admin: her change is the whole organisation's.
      expect(await gridCommand('WOLGA', 'T0GRIDB', 'admin requests none')).toContain(
        'Slack Enterprise Grid organisation',
      );
      expect((await store.getOrganisationPolicy(`slack-enterprise:${ORG}`))?.requests).toBe('none');
      expect(await store.getOrganisationPolicy('slack-workspace:T0GRIDB')).toBeNull();
    });

    it("an admin's App Home closes with the admin section, with the policy as stored; no one else's has it", async () => {
      const home = async (userId: string) => {
        const raw = JSON.stringify({
          type: 'event_callback',
          team_id: TEAM,
          api_app_id: 'A0001',
          event_id: `Ev${userId}`,
          event_time: Math.floor(server.clock.now() / 1000),
          event: { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' },
        });
        const ts = Math.floor(server.clock.now() / 1000);
        const res = await fetch(`${server.base}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': sign(SIGNING_SECRET, ts, raw),
          },
          body: raw,
        });
        expect(res.status).toBe(200);
        await server.post(''); // waits for the work after the ack
        const published = server.slack.callsTo('views.publish').filter((c) => c.args.user_id === userId);
        return textOf((published.at(-1)?.args.view as { blocks?: unknown[] } | undefined)?.blocks ?? []);
      };
      await command('UANN', 'admin allow add partner.example');
      const ann = await home('UANN');
      expect(ann).toContain('ann-lee');
      expect(ann).toContain('Chatwork Invite policy of your organisation');
      expect(ann).toContain('partner.example');
      const bob = await home('UBOB');
      expect(bob).toContain('bob-tran');
      expect(bob).not.toContain('Chatwork Invite policy');
    });
  });

  describe(`${name}: Teams admins over HTTP`, () => {
    const tina = user('tina', 'Tina Ho');
    const tom = user('tom', 'Tom Le');
    const ZED_AAD = '00000000-0000-4000-8000-0000000000ee';
    const zed = user('zed', 'Zed Kim', { aadObjectId: ZED_AAD.toUpperCase() });
    let server: ListeningServer;
    beforeEach(async () => {
      const opened = await open();
      server = await listeningServer({
        store: opened.store,
        closeStore: opened.close,
        seed: 16,
        teams: true,
        env: { TEAMS_ADMINS: ZED_AAD },
      });
    });
    afterEach(() => server.close());

    const post = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${server.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBeLessThan(300);
    };
    const say = async (who: typeof tina, text: string) => {
      const connector = server.connector;
      if (!connector) throw new Error('no connector');
      await post(message({ connector }, who, text));
      return cardText(connector.cardOf(connector.sends(who.conversationId).at(-1)));
    };

    /** `who` installs the app in their personal chat (installationUpdate add). */
    const install = async (who: typeof tina) => {
      const connector = server.connector;
      if (!connector) throw new Error('no connector');
      await post({
        type: 'installationUpdate',
        action: 'add',
        id: `iu-add-${who.id}`,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
        recipient: { id: BOT_ID, name: 'Chatwork Invite' },
        conversation: {
          conversationType: 'personal',
          id: who.conversationId,
          tenantId: who.tenantId ?? TENANT,
        },
        channelData: { tenant: { id: who.tenantId ?? TENANT } },
      });
    };

    it('the person who installed the app in the tenant and TEAMS_ADMINS are admins; anyone else is refused', async () => {
      const connector = server.connector;
      if (!connector) throw new Error('no connector');
      expect(await say(tina, 'admin')).toContain('Only an admin of your organisation can do this');
      // Tina installs the app: the tenant's first installer.
      await install(tina);
      // After the welcome, her personal chat shows the admin section.
      const sent = connector.sends(tina.conversationId).map((a) => cardText(connector.cardOf(a)));
      expect(sent.at(-1)).toContain('Chatwork Invite policy of your organisation');
      const shown = await say(tina, 'admin');
      expect(shown).toContain(TENANT);
      expect(shown).toContain('Requests with other organisations: allowed with everyone.');
      expect(await say(tina, 'admin requests none')).toContain('can no longer exchange requests');
      expect(await say(tom, 'admin requests all')).toContain(
        'Only an admin of your organisation can do this',
      );
      expect(await say(zed, 'admin')).toContain('Requests with other organisations: not allowed.');
    });

    it("a Teams user's e-mail domain (member info at install) meets a Slack organisation's allow-list", async () => {
      const connector = server.connector;
      if (!connector) throw new Error('no connector');
      server.slack.addUser({ id: 'UANN', teamId: TEAM, name: 'Ann Lee', isAdmin: true });
      const slack = async (text: string) => (await server.post(server.commandBody('UANN', text))).text;
      expect(await slack('id')).toContain('ann-lee');
      await slack('admin requests listed');
      expect(await slack('admin allow add partner.example')).toContain('partner.example');
      const pat = user('pat', 'Pat Ng', { tenantId: 'tenant-partner' });
      const quinn = user('quinn', 'Quinn Do', { tenantId: 'tenant-other' });
      connector.addMember(pat.conversationId, { ...pat, email: 'pat@Partner.example' });
      connector.addMember(quinn.conversationId, { ...quinn, userPrincipalName: 'quinn@other.example' });
      await install(pat);
      await install(quinn);
      expect(await say(quinn, 'ann-lee')).toMatch(/organisation does not allow/);
      expect(await say(pat, 'ann-lee')).toContain('Ann Lee');
      const ann = await server.post(server.commandBody('UANN', 'requests'));
      expect(ann.text).toContain('Pat Ng');
      expect(ann.text).not.toContain('Quinn Do');
    });
  });
}

await onEveryStore('admin e2e', adminSuite);
