import { describe, expect, it } from 'vitest';
import { DATA_VERSION, encodeAction, readAction } from '../../../src/bots/teams/card-kit.js';
import type { ButtonAction } from '../../../src/flows/card.js';

/**
 * Teams' Action.Execute wire, pinned: every action's verb and data exactly as the codec wrote them
 * before the fields moved to `src/flows/button-codec.ts` (taken from that codec), so cards already
 * posted keep working. The renderer adds `v`.
 */
const WIRE: [ButtonAction, string, Record<string, string>][] = [
  [{ kind: 'add', ownerId: 'A1', context: null }, 'add-to-contacts', { ownerId: 'A1' }],
  [{ kind: 'view_invite', ownerId: 'A1' }, 'refresh', { ownerId: 'A1' }],
  [{ kind: 'add_note', ownerId: 'A1', context: null }, 'add-to-contacts', { ownerId: 'A1' }],
  [{ kind: 'accept', requestId: 'R1', on: 'card' }, 'accept', { requestId: 'R1' }],
  [{ kind: 'decline', requestId: 'R1', on: 'list' }, 'decline', { requestId: 'R1', view: 'list' }],
  [{ kind: 'withdraw', requestId: 'R1', on: 'list' }, 'withdraw', { requestId: 'R1', view: 'list' }],
  [{ kind: 'block', requestId: 'R1', on: 'card' }, 'block', { requestId: 'R1' }],
  [{ kind: 'remove', otherId: 'O1' }, 'remove', { accountId: 'O1' }],
  [{ kind: 'unblock', otherId: 'O1' }, 'unblock', { accountId: 'O1' }],
  [{ kind: 'searchable', value: true }, 'searchable', { value: 'true' }],
  [
    { kind: 'accept_all', shown: 5, before: 1700000000000 },
    'accept-all',
    { shown: '5', before: '1700000000000' },
  ],
  [{ kind: 'page', list: 'incoming', cursor: 'C1' }, 'show-more', { list: 'incoming', cursor: 'C1' }],
  [{ kind: 'page', list: 'contacts', cursor: null }, 'show-more', { list: 'contacts', cursor: '' }],
  [{ kind: 'page', list: 'blocked', cursor: 'C1' }, 'show-more', { list: 'blocked', cursor: 'C1' }],
  [{ kind: 'delete_data', handle: 'bob' }, 'delete-my-data', { handle: 'bob' }],
  [{ kind: 'delete_data_cancel' }, 'keep-my-data', {}],
  [{ kind: 'delete_data_ask' }, 'delete-my-data-ask', {}],
  [{ kind: 'export_data_ask' }, 'export-my-data-ask', {}],
  [{ kind: 'accept_all_ask' }, 'accept-all-ask', {}],
  [{ kind: 'change_handle' }, 'change-handle', {}],
  [
    { kind: 'chatwork', decide: { ownerId: 'A1', requestId: 123, action: 'accept', name: 'Zed' } },
    'chatwork-accept',
    { ownerId: 'A1', requestId: '123', name: 'Zed' },
  ],
  [
    { kind: 'chatwork', decide: { ownerId: 'A1', requestId: 9, action: 'decline', name: 'Zed' } },
    'chatwork-decline',
    { ownerId: 'A1', requestId: '9', name: 'Zed' },
  ],
];

describe('Teams Action.Execute verbs and data', () => {
  it.each(WIRE.map(([a, verb, data]) => [verb, JSON.stringify(data), a, data] as const))(
    '%s %s',
    (verb, _, a, data) => {
      expect(encodeAction(a)).toEqual({ verb, data });
      const back = readAction(verb, { v: DATA_VERSION, ...data }, 'C');
      // A page without a cursor has no [Show more]: an empty cursor is no one's.
      const read: unknown =
        a.kind === 'add' || a.kind === 'add_note'
          ? { kind: 'add', ownerId: 'A1', context: 'C', note: null }
          : a.kind === 'page' && a.cursor === null
            ? { kind: 'invalid' }
            : a;
      expect(back).toEqual(read);
    },
  );

  it('the "Add with a note" input arrives as note beside the data', () => {
    const data = { v: DATA_VERSION, ownerId: 'A1', note: 'hello' };
    expect(readAction('add-to-contacts', data, 'C')).toEqual({
      kind: 'add',
      ownerId: 'A1',
      context: 'C',
      note: 'hello',
    });
  });

  it.each([
    ['accept', { requestId: 'R1' }],
    ['accept', { v: 2, requestId: 'R1' }],
    ['accept', { v: DATA_VERSION, requestId: 'R1', view: 'card' }],
    ['remove', { v: DATA_VERSION, accountId: '' }],
    ['show-more', { v: DATA_VERSION, list: 'contacts', cursor: '' }],
    ['admin/grant', { v: DATA_VERSION }],
    ['toString', { v: DATA_VERSION }],
  ])('%s %o is invalid', (verb, data) => {
    expect(readAction(verb, data)).toEqual({ kind: 'invalid' });
  });
});
