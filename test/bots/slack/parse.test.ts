import { describe, expect, it } from 'vitest';
import { parseSlackCommand } from '../../../src/bots/slack/grammar.js';
import { decodeBody, parseSlackBody } from '../../../src/bots/slack/parse.js';
import { clamp, esc, slackToPlain } from '../../../src/bots/slack/render/mrkdwn.js';
import { fixtureText } from '../../helpers/fixtures.js';

const ref = (name: string) => fixtureText('slack', name);
const json = (name: string): unknown => JSON.parse(ref(name));

describe('parseSlackBody over the documented payloads', () => {
  it.each([
    ['block_actions.message.json', 'action'],
    ['block_actions.home-tab.json', 'action'],
    ['link_shared.event_callback.json', 'link_shared'],
    ['app_uninstalled.event_callback.json', 'app_uninstalled'],
    ['tokens_revoked.event_callback.json', 'tokens_revoked'],
    ['event_callback.envelope.reaction_added.json', 'unsupported'],
    ['app_rate_limited.json', 'unsupported'],
    ['url_verification.json', 'unsupported'],
  ])('%s → %s', (file, kind) => {
    expect(parseSlackBody(json(file)).kind).toBe(kind);
  });

  it('reads the signed slash command body and the home-tab container', () => {
    const body = decodeBody(
      ref('slash-command.signing-example.body.txt'),
      'application/x-www-form-urlencoded',
    );
    expect(parseSlackBody(body)).toMatchObject({
      kind: 'command',
      teamId: 'T1DC2JH3J',
      user: { teamId: 'T1DC2JH3J', userId: 'U2CERLKJA', name: 'roadrunner' },
      command: '/webhook-collect',
      channelName: 'foobar',
    });
    expect(parseSlackBody(json('block_actions.home-tab.json'))).toMatchObject({
      container: { type: 'view' },
      actionId: 'XRX',
      value: '',
    });
    expect(parseSlackBody(json('block_actions.message.json'))).toMatchObject({
      container: { type: 'message', channelId: 'CBR2V3XEX' },
      value: 'click_me_123',
    });
  });

  it('scopes identities by enterprise when Slack says so', () => {
    const envelope = json('event_callback.envelope.reaction_added.json') as Record<string, unknown>;
    const home = { ...envelope, event: { type: 'app_home_opened', user: 'U1', tab: 'home' } };
    expect(parseSlackBody(home)).toMatchObject({
      user: { enterpriseId: 'E123ABC456', teamId: 'T123ABC456' },
    });
    const link = (json('link_shared.event_callback.json') as { event: unknown }).event;
    expect(parseSlackBody({ type: 'event_callback', team_id: 'T', event_id: 'E', event: link }).kind).toBe(
      'link_shared',
    );
  });

  it('malformed payloads are unsupported, never a throw', () => {
    for (const body of [
      null,
      'x',
      {},
      { command: 5 },
      { type: 'block_actions', actions: [] },
      { type: 'event_callback' },
    ])
      expect(parseSlackBody(body).kind).toBe('unsupported');
    expect(decodeBody('payload=%7Bbad', 'application/x-www-form-urlencoded')).toBeNull();
  });
});

describe('the command grammar', () => {
  it.each([
    ['', { kind: 'invite' }],
    ['LINK', { kind: 'link' }],
    ['id', { kind: 'id' }],
    ['id set new-id', { kind: 'id_set', handle: 'new-id' }],
    ['id set', { kind: 'usage', usage: 'id_set' }],
    ['requests', { kind: 'requests' }],
    ['contacts', { kind: 'contacts' }],
    ['find  Taro  Y', { kind: 'find', query: 'Taro  Y' }],
    ['web', { kind: 'web' }],
    ['help', { kind: 'help' }],
    [
      '<@U123|ann> hi there',
      { kind: 'request', who: { kind: 'mention', userId: 'U123', label: 'ann' }, note: 'hi there' },
    ],
    ['<@W123>', { kind: 'request', who: { kind: 'mention', userId: 'W123', label: null }, note: null }],
    ['<mailto:A@B.co|A@B.co> yo', { kind: 'request', who: { kind: 'email', email: 'a@b.co' }, note: 'yo' }],
    ['a@b.co', { kind: 'request', who: { kind: 'email', email: 'a@b.co' }, note: null }],
    [
      '<https://x.example/ann|x>',
      { kind: 'request', who: { kind: 'text', text: 'https://x.example/ann' }, note: null },
    ],
    ['ann-lee', { kind: 'request', who: { kind: 'text', text: 'ann-lee' }, note: null }],
    ['withdraw <@U1>', { kind: 'withdraw', who: { kind: 'mention', userId: 'U1', label: null } }],
    ['remove ann', { kind: 'usage', usage: 'remove' }],
    ['remove anna', { kind: 'remove', who: { kind: 'text', text: 'anna' } }],
    ['block', { kind: 'usage', usage: 'block' }],
    ['<#C1|general>', { kind: 'unknown', word: '<#C1|general>' }],
  ])('%j', (text, expected) => {
    expect(parseSlackCommand(text)).toEqual(expected);
  });
});

describe('mrkdwn helpers', () => {
  it('escapes, un-escapes Slack markup to plain text, and clamps without cutting an entity', () => {
    expect(esc('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(slackToPlain('<!channel> <@U1|ann> <#C1|gen> <http://x|y> &lt;b&gt; &amp;')).toBe(
      '@channel @ann #gen http://x <b> &',
    );
    const text = `${'a'.repeat(2996)}&amp;&amp;`;
    const cut = clamp(text);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).not.toMatch(/&[a-z]*…$/);
  });
});
