import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/bots/slack/values.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { cookieHeader } from '../../http/support.js';
import { actionsOf, type Harness, slackHarness, TEAM, textOf } from './support.js';

const fixture = (name: string) => fixtureJson('slack', name);

let h: Harness;
afterEach(async () => h.close());

describe('App Home', () => {
  it('app_home_opened publishes my handle and link (Change), requests, contacts and the search toggle', async () => {
    h = await slackHarness();
    const ann = h.user('UANN', 'Ann Lee', { locale: 'en-US' });
    const bob = h.user('UBOB', 'Bob Stone');
    await h.command(bob, 'help');
    await h.command(bob, '<@UANN> hi');
    const doc = fixture('app_home_opened.event.json');
    h.slack.reset();
    expect(await h.event({ ...doc, user: ann.id })).toBe(200);
    const publish = h.slack.callsTo('views.publish')[0];
    expect(publish?.args.user_id).toBe('UANN');
    const view = publish?.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = textOf(view.blocks);
    expect(text).toContain('https://invite.example.com/ann-lee');
    expect(text).toContain('*Bob Stone*');
    expect(text).toContain('Incoming Requests');
    expect(text).toContain('Sent requests');
    expect(text).toContain('Contacts');
    const ids = actionsOf(view.blocks).map((a) => a.action_id);
    expect(ids).toEqual(
      expect.arrayContaining([ACTION.changeHandle, ACTION.searchable, ACTION.accept, ACTION.decline]),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    // Outgoing on Bob's Home, with Withdraw.
    h.slack.reset();
    await h.event({ type: 'app_home_opened', user: 'UBOB', channel: 'D1', tab: 'home' });
    const bobView = h.slack.callsTo('views.publish')[0]?.args.view as { blocks: unknown[] };
    expect(actionsOf(bobView.blocks).map((a) => a.action_id)).toContain(ACTION.withdraw);
  });

  it('a retried event (same event_id, X-Slack-Retry-Num) has no second effect; the messages tab is ignored', async () => {
    h = await slackHarness();
    h.user('UANN', 'Ann Lee');
    const event = { type: 'app_home_opened', user: 'UANN', channel: 'D1', tab: 'home' };
    await h.event(event, { eventId: 'EvSAME' });
    expect(await h.event(event, { eventId: 'EvSAME', retryNum: 1 })).toBe(200);
    expect(await h.event(event, { eventId: 'EvSAME', retryNum: 2 })).toBe(200);
    expect(h.slack.callsTo('views.publish')).toHaveLength(1);
    await h.event({ ...event, tab: 'messages' });
    expect(h.slack.callsTo('views.publish')).toHaveLength(1);
  });
});

describe('link unfurling', () => {
  it('link_shared for PUBLIC_URL leads to chat.unfurl with the profile card and [Add to contacts]; other domains are left alone', async () => {
    h = await slackHarness();
    const ann = h.user('UANN', 'Ann <!channel> Lee');
    await h.command(ann, 'help');
    await h.command(ann, 'id set ann-lee');
    const doc = fixture('link_shared.event_callback.json');
    const event = {
      ...(doc.event as Record<string, unknown>),
      links: [
        { domain: 'invite.example.com', url: 'https://invite.example.com/ANN-LEE' },
        { domain: 'invite.example.com', url: 'https://invite.example.com/nobody-here' },
        { domain: 'example.com', url: 'https://example.com/12345' },
      ],
    };
    h.slack.reset();
    await h.event(event);
    const unfurl = h.slack.callsTo('chat.unfurl')[0];
    expect(unfurl?.args.channel).toBe('C123ABC456');
    expect(unfurl?.args.ts).toBe('123456789.9875');
    const unfurls = unfurl?.args.unfurls as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls)).toEqual(['https://invite.example.com/ANN-LEE']);
    const blocks = unfurls['https://invite.example.com/ANN-LEE']!.blocks;
    expect(textOf(blocks)).toContain('&lt;!channel&gt;');
    expect(actionsOf(blocks).map((a) => a.action_id)).toEqual([ACTION.add, ACTION.addNote]);

    // The composer variant uses unfurl_id + source.
    h.slack.reset();
    const composer = fixture('link_shared.composer.event.json');
    await h.event({
      ...composer,
      links: [{ domain: 'invite.example.com', url: 'https://invite.example.com/ann-lee' }],
    });
    const c = h.slack.callsTo('chat.unfurl')[0];
    expect(c?.args.unfurl_id).toBe(composer.unfurl_id);
    expect(c?.args.source).toBe('composer');
    expect(c?.args.channel).toBeUndefined();

    h.slack.reset();
    await h.event({ ...event, links: [{ domain: 'example.com', url: 'https://example.com/ann-lee' }] });
    expect(h.slack.callsTo('chat.unfurl')).toEqual([]);
  });
});

describe('OAuth install and uninstall', () => {
  it('installs through /slack/install and /slack/oauth_redirect, stores the token encrypted, and uses it', async () => {
    h = await slackHarness({ oauth: true });
    const start = await h.app.inject({ method: 'GET', url: '/slack/install' });
    expect(start.statusCode).toBe(302);
    const location = new URL(String(start.headers.location));
    expect(location.pathname).toBe('/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('111.222');
    expect(location.searchParams.get('scope')).toContain('commands');
    expect(location.searchParams.get('redirect_uri')).toBe('https://invite.example.com/slack/oauth_redirect');
    const state = location.searchParams.get('state') ?? '';
    const cookie = cookieHeader(start.headers['set-cookie']);

    const forged = await h.app.inject({
      method: 'GET',
      url: `/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('invalid or expired state');
    const denied = await h.app.inject({ method: 'GET', url: '/slack/oauth_redirect?error=access_denied' });
    expect(denied.statusCode).toBe(400);

    const done = await h.app.inject({
      method: 'GET',
      url: `/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`,
      headers: { cookie },
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('OAuth Team');
    expect(h.slack.callsTo('oauth.v2.access')[0]?.args.code).toBe('abc');
    const raw = await h.store.getRecord('slack_installation', 'team:T0OAUTH', h.clock.now());
    expect(raw).toBeTruthy();
    expect(raw).not.toContain('xoxb-oauth-installed-token');

    // The stored token serves that workspace's Web API calls.
    h.user('UINST', 'In Staller', { teamId: 'T0OAUTH' });
    h.slack.reset();
    await h.event(
      { type: 'app_home_opened', user: 'UINST', channel: 'D1', tab: 'home' },
      { teamId: 'T0OAUTH' },
    );
    expect(h.slack.callsTo('views.publish')[0]?.token).toBe('xoxb-oauth-installed-token');

    // app_uninstalled deletes it; nothing is sent to that workspace afterwards.
    const uninstall = fixture('app_uninstalled.event_callback.json');
    await h.event(uninstall.event as Record<string, unknown>, { teamId: 'T0OAUTH' });
    expect(await h.store.getRecord('slack_installation', 'team:T0OAUTH', h.clock.now())).toBeNull();
    h.slack.reset();
    await h.event(
      { type: 'app_home_opened', user: 'UINST', channel: 'D1', tab: 'home' },
      { teamId: 'T0OAUTH' },
    );
    expect(h.slack.callsTo('views.publish')).toEqual([]);
  });

  it('tokens_revoked for the bot deletes the installation; a user-only revocation keeps it', async () => {
    h = await slackHarness({ oauth: true });
    const start = await h.app.inject({ method: 'GET', url: '/slack/install' });
    const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
    await h.app.inject({
      method: 'GET',
      url: `/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`,
      headers: { cookie: cookieHeader(start.headers['set-cookie']) },
    });
    const revoked = fixture('tokens_revoked.event_callback.json').event as Record<string, unknown>;
    await h.event({ ...revoked, tokens: { oauth: ['U1'], bot: [] } }, { teamId: 'T0OAUTH' });
    expect(await h.store.getRecord('slack_installation', 'team:T0OAUTH', h.clock.now())).not.toBeNull();
    await h.event(revoked, { teamId: 'T0OAUTH' });
    expect(await h.store.getRecord('slack_installation', 'team:T0OAUTH', h.clock.now())).toBeNull();
  });

  it('without OAuth configured the install routes answer 404', async () => {
    h = await slackHarness();
    expect((await h.app.inject({ method: 'GET', url: '/slack/install' })).statusCode).toBe(404);
    expect(TEAM).toBe('T0001');
  });
});
