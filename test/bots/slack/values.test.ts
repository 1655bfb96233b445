import { describe, expect, it } from 'vitest';
import { encodeAction, readClick } from '../../../src/bots/slack/values.js';
import type { ButtonAction } from '../../../src/flows/card.js';

/**
 * Slack's button wire, pinned: every action's id and value exactly as the codec wrote them before the
 * fields moved to `src/flows/button-codec.ts` (taken from that codec, rendered in App Home), so cards
 * already posted in channels keep working.
 */
const WIRE: [ButtonAction, string, string][] = [
  [{ kind: 'add', ownerId: 'A1', context: null }, 'ci_add', '{"o":"A1"}'],
  [{ kind: 'view_invite', ownerId: 'A1' }, 'ci_add', '{"o":"A1"}'],
  [{ kind: 'add_note', ownerId: 'A1', context: null }, 'ci_add_note', '{"o":"A1"}'],
  [{ kind: 'accept', requestId: 'R1', on: 'card' }, 'ci_accept', '{"r":"R1","s":"dm"}'],
  [{ kind: 'decline', requestId: 'R1', on: 'list' }, 'ci_decline', '{"r":"R1","s":"home"}'],
  [{ kind: 'withdraw', requestId: 'R1', on: 'list' }, 'ci_withdraw', '{"r":"R1","s":"home"}'],
  [{ kind: 'block', requestId: 'R1', on: 'card' }, 'ci_more', '{"a":"block","r":"R1","s":"dm"}'],
  [{ kind: 'remove', otherId: 'O1' }, 'ci_contact', '{"a":"remove","o":"O1","s":"home"}'],
  [{ kind: 'unblock', otherId: 'O1' }, 'ci_unblock', '{"o":"O1"}'],
  [{ kind: 'searchable', value: true }, 'ci_searchable', '{"v":true}'],
  [{ kind: 'accept_all', shown: 5, before: 1700000000000 }, 'ci_accept_all', '{"n":5,"b":1700000000000}'],
  [{ kind: 'page', list: 'incoming', cursor: 'C1' }, 'ci_page', '{"l":"incoming","c":"C1","s":"home"}'],
  [{ kind: 'page', list: 'contacts', cursor: null }, 'ci_page', '{"l":"contacts","c":null,"s":"home"}'],
  [{ kind: 'page', list: 'blocked', cursor: 'C1' }, 'ci_blocked_more', '{"c":"C1"}'],
  [{ kind: 'delete_data', handle: 'bob' }, 'ci_delete_data', '{"h":"bob"}'],
  [{ kind: 'delete_data_cancel' }, 'ci_delete_data_cancel', '{}'],
  [{ kind: 'delete_data_ask' }, 'ci_delete_data_ask', 'ask'],
  [{ kind: 'export_data_ask' }, 'ci_link', 'export'],
  [{ kind: 'accept_all_ask' }, 'ci_accept_all_ask', 'ask'],
  [{ kind: 'change_handle' }, 'ci_change_handle', 'change'],
  [
    { kind: 'chatwork', decide: { ownerId: 'A1', requestId: 123, action: 'accept', name: 'Zed' } },
    'ci_cw_accept',
    '{"p":"A1","r":123,"n":"Zed"}',
  ],
  [
    { kind: 'chatwork', decide: { ownerId: 'A1', requestId: 9, action: 'decline', name: 'Zed' } },
    'ci_cw_decline',
    '{"p":"A1","r":9,"n":"Zed"}',
  ],
];

describe('Slack button values', () => {
  it.each(WIRE.map(([a, id, value]) => [id, value, a] as const))('%s %s', (actionId, value, a) => {
    expect(encodeAction(a, 'home')).toEqual({ actionId, value });
  });

  it('a request button on a DM card says dm, elsewhere list (a list in a DM) or home', () => {
    const accept = (on: 'card' | 'list') => ({ kind: 'accept', requestId: 'R1', on }) as const;
    expect(encodeAction(accept('card'), 'list').value).toBe('{"r":"R1","s":"dm"}');
    expect(encodeAction(accept('list'), 'dm').value).toBe('{"r":"R1","s":"list"}');
    expect(readClick('ci_accept', '{"r":"R1","s":"dm"}')).toEqual(accept('card'));
    expect(readClick('ci_accept', '{"r":"R1","s":"home"}')).toEqual(accept('list'));
  });

  it('reads back what it wrote, with where it was clicked on an [Add to contacts]', () => {
    expect(readClick('ci_add', '{"o":"A1"}', 'C')).toEqual({
      kind: 'add',
      ownerId: 'A1',
      context: 'C',
      note: null,
    });
    expect(readClick('ci_blocked_more', '{"c":"C1"}')).toEqual({
      kind: 'page',
      list: 'blocked',
      cursor: 'C1',
    });
    expect(readClick('ci_cw_accept', '{"p":"A1","r":123,"n":"Zed"}')).toEqual(WIRE[20]?.[0]);
  });

  it.each([
    ['ci_link', '', { kind: 'noop' }],
    ['ci_contact', '{"a":"message"}', { kind: 'noop' }],
    ['ci_more', '{"a":"remove","r":"R1","s":"dm"}', { kind: 'invalid' }],
    ['ci_accept', '{"r":"R1","s":"constructor"}', { kind: 'invalid' }],
    ['ci_accept', '{"r":', { kind: 'invalid' }],
    ['ci_unknown', '{}', { kind: 'invalid' }],
    ['__proto__', '{}', { kind: 'invalid' }],
  ])('%s %s reads as %o', (id, value, click) => {
    expect(readClick(id, value)).toEqual(click);
  });
});
