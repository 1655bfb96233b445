import { describe, expect, it } from 'vitest';
import { parseActivity, stripBotMention } from '../../../src/bots/teams/activity.js';
import { parseTeamsCommand } from '../../../src/bots/teams/commands.js';
import { reference } from './support.js';

/** The documented samples in test/fixtures/teams/, parsed as they are. */
describe('parseActivity on the reference samples', () => {
  it('a personal message: the actor is tenant + aadObjectId, the locale comes from the activity', () => {
    const parsed = parseActivity(reference('message-activity.personal.docs.json'));
    expect(parsed.kind).toBe('message');
    if (parsed.kind !== 'message') return;
    expect(parsed.actor.identity).toEqual({
      platform: 'teams',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8',
    });
    expect(parsed.actor.displayName).toBe('Megan Bowen');
    expect(parsed.locale).toBe('en');
    expect(parsed.personalRef).toMatchObject({
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      botId: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c',
      userId: expect.stringMatching(/^29:/),
    });
  });

  it('link unfurling invokes, even the minimal and the anonymous ones', () => {
    expect(parseActivity(reference('compose-extension-query-link-invoke.docs.json'))).toEqual({
      kind: 'query_link',
      url: 'https://theurlsubmittedbyyouruser.trackeddomain.com/id/1234',
      locale: 'en',
      place: null,
    });
    const anonymous = parseActivity(reference('compose-extension-anonymous-query-link-invoke.docs.json'));
    expect(anonymous).toMatchObject({ kind: 'query_link', url: 'https://test.test.com/test' });
  });

  it('card action invokes without a user are unsupported (logged and acknowledged, never acted on)', () => {
    for (const name of [
      'adaptive-card-action-invoke.docs.json',
      'adaptive-card-action-invoke.oauth-state.docs.json',
    ])
      expect(parseActivity(reference(name))).toMatchObject({ kind: 'unsupported', invoke: true });
    expect(parseActivity({ nonsense: true })).toMatchObject({ kind: 'unsupported', invoke: false });
    expect(parseActivity(null)).toMatchObject({ kind: 'unsupported' });
  });

  it('a Japanese client: locale from clientInfo when the activity has none', () => {
    const sample = reference('message-activity.personal.docs.json');
    const parsed = parseActivity({
      ...sample,
      locale: undefined,
      entities: [{ type: 'clientInfo', locale: 'ja-JP' }],
    });
    expect(parsed).toMatchObject({ kind: 'message', locale: 'ja' });
  });
});

describe('commands', () => {
  it.each([
    ['', { kind: 'invite' }],
    ['INVITE', { kind: 'invite' }],
    ['link', { kind: 'link' }],
    ['id', { kind: 'id' }],
    ['id set New_Name', { kind: 'id_set', handle: 'New_Name' }],
    ['find  Nguyễn Văn', { kind: 'find', query: 'Nguyễn Văn' }],
    ['find off', { kind: 'searchable', on: false }],
    ['withdraw ann-lee', { kind: 'withdraw', who: { kind: 'text', text: 'ann-lee' } }],
    [
      'block https://invite.example.com/ann-lee',
      { kind: 'block', who: { kind: 'text', text: 'https://invite.example.com/ann-lee' } },
    ],
    ['ann@example.com hi', { kind: 'request', who: { kind: 'email', email: 'ann@example.com' }, note: 'hi' }],
    ['ann-lee see you', { kind: 'request', who: { kind: 'text', text: 'ann-lee' }, note: 'see you' }],
    ['web', { kind: 'web' }],
    ['help', { kind: 'help' }],
    ['withdraw', { kind: 'usage', usage: 'withdraw' }],
    ['こんにちは', { kind: 'unknown', word: 'こんにちは' }],
  ])('%j', (text, expected) => {
    expect(parseTeamsCommand(text)).toEqual(expected);
  });

  it('mentions of other people become targets; the bot mention is stripped first', () => {
    const mention = { id: '29:dave', name: 'Dave', text: '<at>Dave</at>' };
    expect(parseTeamsCommand('<at>Dave</at> hello', [mention])).toEqual({
      kind: 'request',
      who: { kind: 'mention', mention },
      note: 'hello',
    });
    const entities = [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: '28:bot' } }];
    expect(stripBotMention('<at>Bot</at>&nbsp;requests ', entities, '28:bot')).toBe('requests');
  });
});
