import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort } from '../../src/core/index.js';
import { BOT_ID, cardText, message, TENANT, type TeamsUser, user } from '../bots/teams/support.js';
import { onEveryStore } from './every-store.js';
import { type ListeningServer, listeningServer } from './support.js';

/**
 * Who becomes a Teams tenant's admin by installing the app (issue 15), end to end: Teams activities
 * over HTTP to the real server with the fake Bot Connector, on SQLite and Redis. Only a tenant new to
 * the app gets an installer; an install into a team or group chat counts before a personal one while
 * the personal installer is the only person of the tenant the app knows; TEAMS_ADMINS always counts.
 */
const ORG = `teams-tenant:${TENANT}`;
const ZED_AAD = '00000000-0000-4000-8000-0000000000ee';
const REFUSED = 'Only an admin of your organisation can do this';
const REFUSED_JA = 'この操作は組織の管理者だけが行えます';
const POLICY = 'Chatwork Invite policy of your organisation';

const tina = user('tina', 'Tina Ho', { locale: 'ja-JP' });
const tom = user('tom', 'Tom Le');
const uma = user('uma', 'Uma Sen');
const vic = user('vic', 'Vic Pham', { locale: 'vi-VN' });
const zed = user('zed', 'Zed Kim', { aadObjectId: ZED_AAD });

/** Where the app is added: the person's personal chat, a team's channel, a group chat. */
type Into = 'personal' | 'channel' | 'groupChat';

function installerSuite(name: string, open: () => Promise<{ store: StorePort; close: () => Promise<void> }>) {
  describe(`${name}: the Teams installer rule over HTTP`, () => {
    let server: ListeningServer;
    let store: StorePort;
    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      server = await listeningServer({
        store,
        closeStore: opened.close,
        seed: 151,
        teams: true,
        env: { TEAMS_ADMINS: ZED_AAD },
      });
    });
    afterEach(() => server.close());

    const connector = () => {
      if (!server.connector) throw new Error('no connector');
      return server.connector;
    };
    const post = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${server.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBeLessThan(300);
    };
    /** What `who` is shown in their personal chat, every card so far. */
    const shown = (who: TeamsUser) =>
      connector()
        .sends(who.conversationId)
        .map((a) => cardText(connector().cardOf(a)));
    const say = async (who: TeamsUser, text: string) => {
      await post(message({ connector: connector() }, who, text));
      return shown(who).at(-1) ?? '';
    };
    /** `who` adds the app (installationUpdate add, as Teams sends it) to their personal chat, a team or a group chat. */
    const install = async (who: TeamsUser, into: Into = 'personal') => {
      const conversationId =
        into === 'personal'
          ? who.conversationId
          : into === 'channel'
            ? `19:team-of-${who.id}@thread.tacv2`
            : `19:chat-of-${who.id}@thread.v2`;
      await post({
        type: 'installationUpdate',
        action: 'add',
        id: `iu-add-${who.id}-${into}`,
        channelId: 'msteams',
        serviceUrl: connector().serviceUrl,
        locale: who.locale ?? 'en-US',
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
        recipient: { id: BOT_ID, name: 'Chatwork Invite' },
        conversation: { conversationType: into, id: conversationId, tenantId: TENANT },
        channelData: {
          tenant: { id: TENANT },
          ...(into === 'channel' ? { team: { id: conversationId } } : {}),
        },
      });
    };
    const requestsPolicy = async () => (await store.getOrganisationPolicy(ORG))?.requests ?? null;

    it('in a tenant that already uses the app, the next person to install it is no admin: refused in their language, nothing stored; a team install there makes none either; TEAMS_ADMINS still counts', async () => {
      // Tom used the app before the installer rule shipped: the tenant is known.
      expect(await say(tom, 'id')).toContain('tom-le');
      await install(tina);
      expect(shown(tina).join('\n')).not.toContain('組織の Chatwork Invite ポリシー');
      expect(await say(tina, 'admin requests none')).toContain(REFUSED_JA);
      expect(await say(tina, 'admin')).toContain(REFUSED_JA);
      expect(await requestsPolicy()).toBeNull();
      await install(uma, 'channel');
      expect(await say(uma, 'admin requests none')).toContain(REFUSED);
      expect(await requestsPolicy()).toBeNull();
      // Vic's refusal is in Vietnamese.
      await install(vic);
      expect(await say(vic, 'admin')).toContain('Chỉ quản trị viên của tổ chức bạn mới làm được việc này');
      // TEAMS_ADMINS (matched without regard to case) is the dependable way.
      const zedUpper = { ...zed, aadObjectId: ZED_AAD.toUpperCase() };
      expect(await say(zedUpper, 'admin requests none')).toContain('can no longer exchange requests');
      expect(await requestsPolicy()).toBe('none');
    });

    it('in a tenant new to the app the first to install it is its admin (the policy after the welcome, in their language); the next is not', async () => {
      await install(tina);
      expect(shown(tina).at(-1)).toContain('組織の Chatwork Invite ポリシー');
      expect(await say(tina, 'admin requests none')).toContain(
        'ほかの組織とコンタクト申請をやり取りできなくなりました',
      );
      expect(await requestsPolicy()).toBe('none');
      await install(tom);
      expect(shown(tom).join('\n')).not.toContain(POLICY);
      expect(await say(tom, 'admin requests all')).toContain(REFUSED);
      expect(await requestsPolicy()).toBe('none');
      expect(await say(zed, 'admin')).toContain('Requests with other organisations: not allowed.');
    });

    it('an install into a team counts before a personal one while the personal installer is the only person known; later installs make no admin', async () => {
      await install(tina);
      expect(await say(tina, 'admin')).toContain(TENANT);
      // Uma adds the app to her team: she is the tenant's installer now, Tina no longer.
      await install(uma, 'channel');
      expect(await say(uma, 'admin requests none')).toContain('can no longer exchange requests');
      expect(await say(tina, 'admin')).toContain(REFUSED_JA);
      // Tom installs it for himself; then Vic adds it to a group chat: neither is an admin.
      await install(tom);
      await install(vic, 'groupChat');
      expect(await say(tom, 'admin')).toContain(REFUSED);
      expect(await say(vic, 'admin requests all')).toContain('Chỉ quản trị viên');
      expect(await requestsPolicy()).toBe('none');
    });

    it('in a tenant new to the app, adding it to a group chat first makes that person the admin; a personal install after it does not', async () => {
      await install(vic, 'groupChat');
      await install(tom);
      expect(await say(tom, 'admin')).toContain(REFUSED);
      expect(await say(vic, 'admin requests none')).toContain(
        'Thành viên tổ chức của bạn không còn có thể trao đổi yêu cầu kết nối với tổ chức khác.',
      );
      expect(await requestsPolicy()).toBe('none');
    });
  });
}

await onEveryStore('Teams installer e2e', installerSuite, { cluster: false });
