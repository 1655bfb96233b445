import { describe, expect, it } from 'vitest';
import { actionOf, buttonOf } from '../../src/flows/button-codec.js';
import type { ButtonAction } from '../../src/flows/card.js';

/** One action of every kind a button carries (`ButtonAction`). */
const EVERY: ButtonAction[] = [
  { kind: 'add', ownerId: 'A1', context: 'C', note: null },
  { kind: 'add_note', ownerId: 'A1', context: 'C' },
  { kind: 'view_invite', ownerId: 'A1' },
  { kind: 'accept', requestId: 'R1', on: 'card' },
  { kind: 'decline', requestId: 'R1', on: 'list' },
  { kind: 'block', requestId: 'R1', on: 'card' },
  { kind: 'withdraw', requestId: 'R1', on: 'list' },
  { kind: 'remove', otherId: 'O1' },
  { kind: 'unblock', otherId: 'O1' },
  { kind: 'searchable', value: false },
  { kind: 'accept_all', shown: 100, before: 0 },
  { kind: 'page', list: 'contacts', cursor: null },
  { kind: 'page', list: 'blocked', cursor: 'x'.repeat(1500) },
  { kind: 'delete_data', handle: 'bob' },
  { kind: 'delete_data_cancel' },
  { kind: 'delete_data_ask' },
  { kind: 'export_data_ask' },
  { kind: 'accept_all_ask' },
  { kind: 'change_handle' },
  { kind: 'chatwork', decide: { ownerId: 'A1', requestId: 7, action: 'decline', name: 'Zed' } },
];

describe('button codec (what a button carries, for every platform)', () => {
  it.each(EVERY.map((a) => [a.kind, a] as const))(
    '%s reads back as itself from its name and fields',
    (_, a) => {
      const { name, fields } = buttonOf(a);
      expect(actionOf(name, JSON.parse(JSON.stringify(fields)), 'C')).toEqual(a);
    },
  );

  it('writes only the fields that identify the button (never where it was clicked), a name cut to 100', () => {
    expect(buttonOf({ kind: 'add', ownerId: 'A1', context: 'C', note: 'hi' }).fields).toEqual({
      ownerId: 'A1',
    });
    const long = { ownerId: 'A1', requestId: 1, action: 'accept', name: 'n'.repeat(150) } as const;
    expect(buttonOf({ kind: 'chatwork', decide: long })).toEqual({
      name: 'chatwork_accept',
      fields: { ownerId: 'A1', requestId: 1, name: 'n'.repeat(100) },
    });
  });

  it('reads numbers and yes/no spelt as strings (a platform whose data is strings) and a typed note', () => {
    expect(actionOf('accept_all', { shown: '5', before: '17' })).toEqual({
      kind: 'accept_all',
      shown: 5,
      before: 17,
    });
    expect(actionOf('searchable', { value: 'true' })).toEqual({ kind: 'searchable', value: true });
    expect(actionOf('add', { ownerId: 'A1', note: 'hello' }, 'C')).toMatchObject({
      note: 'hello',
      context: 'C',
    });
    expect(actionOf('add', { ownerId: 'A1', note: '   ' })).toMatchObject({ note: null });
  });

  it.each([
    ['an unknown name', 'admin', {}],
    ['a name from the prototype', 'toString', {}],
    ['no data', 'accept', null],
    ['an empty id', 'add', { ownerId: '' }],
    ['an id over 100', 'remove', { otherId: 'x'.repeat(101) }],
    ['a place that is neither', 'accept', { requestId: 'R1', on: 'dm' }],
    ['zero to accept', 'accept_all', { shown: 0, before: 1 }],
    ['over 100 to accept', 'accept_all', { shown: '101', before: 1 }],
    ['a fraction', 'accept_all', { shown: 1.5, before: 1 }],
    ['an unknown list', 'page', { list: 'admins', cursor: null }],
    ['an empty cursor', 'page', { list: 'incoming', cursor: '' }],
    ['a handle over 64', 'delete_data', { handle: 'h'.repeat(65) }],
    [
      'a Chatwork request id that is not a number',
      'chatwork_accept',
      { ownerId: 'A', requestId: '1a', name: '' },
    ],
    ['a yes/no that is neither', 'searchable', { value: 'maybe' }],
  ])('%s is invalid', (_, name, data) => {
    expect(actionOf(name, data)).toEqual({ kind: 'invalid' });
  });

  it('a button without fields reads back from its name alone, whatever data comes with it', () => {
    expect(actionOf('delete_data_cancel', 'garbage')).toEqual({ kind: 'delete_data_cancel' });
  });
});
