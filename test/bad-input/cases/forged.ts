import { ACTION, encode } from '../../../src/bots/slack/values.js';
import { DATA_VERSION, VERBS } from '../../../src/bots/teams/card-kit.js';
import { answered, type Case, noLeak } from '../support/case.js';
import {
  alice,
  bob,
  carol,
  eve,
  mallory,
  type SlackPerson,
  type TeamsPerson,
  tom,
  trent,
  type World,
} from '../support/world.js';

/**
 * Forged button values and Action.Execute data, and actors who are not a party: a stranger, a
 * person from another workspace or tenant, or the wrong party (the sender accepting their own
 * request, the recipient withdrawing it). Only the snapshot check matters here: nothing changes.
 */
type Click = { label: string; actionId: string; value: (w: World) => string };
const clicks: Click[] = [
  { label: 'accept', actionId: ACTION.accept, value: (w) => encode.request({ r: w.requestId, s: 'dm' }) },
  { label: 'decline', actionId: ACTION.decline, value: (w) => encode.request({ r: w.requestId, s: 'dm' }) },
  {
    label: 'withdraw',
    actionId: ACTION.withdraw,
    value: (w) => encode.request({ r: w.requestId, s: 'list' }),
  },
  { label: 'block (overflow)', actionId: ACTION.more, value: (w) => encode.block(w.requestId, 'dm') },
  {
    label: 'remove Carol',
    actionId: ACTION.contact,
    value: (w) => encode.remove(w.accountIds.carol, 'list'),
  },
  {
    label: 'remove Alice',
    actionId: ACTION.contact,
    value: (w) => encode.remove(w.accountIds.alice, 'list'),
  },
  { label: 'add to contacts of Bob', actionId: ACTION.add, value: (w) => encode.add(w.accountIds.bob) },
  { label: 'searchable off', actionId: ACTION.searchable, value: () => encode.searchable(false) },
];
const clickers: Array<[string, SlackPerson]> = [
  ['a stranger', mallory],
  ['another workspace', eve],
  ['Eve claiming Bob’s user id from her workspace', { ...bob, teamId: eve.teamId }],
];

const slackForged: Case[] = [
  ...clicks.flatMap((c) =>
    clickers.map(
      ([who, p]): Case => ({
        name: `forged Slack click: ${c.label} by ${who}`,
        run: (w) => w.click(p, c.actionId, c.value(w)),
      }),
    ),
  ),
  // The wrong party of a real request.
  {
    name: 'forged Slack click: Alice accepts her own request',
    run: (w) => w.click(alice, ACTION.accept, encode.request({ r: w.requestId, s: 'dm' })),
  },
  {
    name: 'forged Slack click: Bob withdraws Alice’s request',
    run: (w) => w.click(bob, ACTION.withdraw, encode.request({ r: w.requestId, s: 'list' })),
  },
  // Values that are not ours.
  ...[
    ['not JSON', 'accept-it'],
    ['JSON array', '[1]'],
    ['empty object', '{}'],
    ['unknown surface', '{"r":"x","s":"admin"}'],
    ['request id of 10,000 chars', JSON.stringify({ r: 'r'.repeat(10_000), s: 'dm' })],
    ['prototype pollution', '{"__proto__":{"isAdmin":true},"r":"x","s":"dm"}'],
    ['SQL in the id', JSON.stringify({ r: "x' OR '1'='1", s: 'dm' })],
    ['Lua/Redis key in the id', JSON.stringify({ r: '*}{ci}:request:*', s: 'dm' })],
  ].map(
    ([label, value]): Case => ({
      name: `forged Slack value: ${label}`,
      run: (w) => w.click(mallory, ACTION.accept, value ?? ''),
    }),
  ),
  { name: 'forged Slack click: unknown action id', run: (w) => w.click(mallory, 'ci_make_admin', '{}') },
  {
    name: 'forged Slack click: from Home with a view of someone else',
    run: (w) =>
      w.click(mallory, ACTION.accept, encode.request({ r: w.requestId, s: 'home' }), {
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home', blocks: [] },
      }),
  },
  {
    name: 'forged Slack view_submission: change handle for someone else',
    run: (w) =>
      w.slackPost(
        `payload=${encodeURIComponent(
          JSON.stringify({
            type: 'view_submission',
            team: { id: 'T0001' },
            user: { id: mallory.id, team_id: 'T0001' },
            view: {
              id: 'V1',
              callback_id: 'ci_change_handle_modal',
              state: { values: { handle: { handle: { type: 'plain_text_input', value: 'alice-h' } } } },
              private_metadata: JSON.stringify({ accountId: w.accountIds.alice }),
            },
          }),
        )}`,
        'application/x-www-form-urlencoded',
      ),
  },
];

type Exec = { label: string; verb: string; data: (w: World) => unknown };
const executes: Exec[] = [
  { label: 'accept', verb: VERBS.accept, data: (w) => ({ v: DATA_VERSION, requestId: w.requestId }) },
  { label: 'decline', verb: VERBS.decline, data: (w) => ({ v: DATA_VERSION, requestId: w.requestId }) },
  { label: 'block', verb: VERBS.block, data: (w) => ({ v: DATA_VERSION, requestId: w.requestId }) },
  { label: 'withdraw', verb: VERBS.withdraw, data: (w) => ({ v: DATA_VERSION, requestId: w.requestId }) },
  {
    label: 'remove Alice',
    verb: VERBS.remove,
    data: (w) => ({ v: DATA_VERSION, accountId: w.accountIds.alice }),
  },
];
const executors: Array<[string, TeamsPerson]> = [
  ['a stranger in the tenant', tom],
  ['another tenant', trent],
  ['Trent claiming Carol’s AAD id from his tenant', { ...carol, tenantId: trent.tenantId }],
];

const teamsForged: Case[] = [
  ...executes.flatMap((e) =>
    executors.map(
      ([who, p]): Case => ({
        name: `forged Action.Execute: ${e.label} by ${who}`,
        run: (w) => w.teams(w.teamsAction(p, e.verb, e.data(w))),
      }),
    ),
  ),
  {
    name: 'forged Action.Execute: Carol accepts Alice→Bob',
    run: (w) => w.teams(w.teamsAction(carol, VERBS.accept, { v: DATA_VERSION, requestId: w.requestId })),
  },
  ...[
    ['data is a string', 'accept'],
    ['data is null', null],
    ['data is an array', [1, 2]],
    ['wrong data version', { v: 99, requestId: 'x' }],
    ['request id of 10,000 chars', { v: DATA_VERSION, requestId: 'r'.repeat(10_000) }],
    ['unknown verb data', { v: DATA_VERSION, admin: true }],
  ].map(
    ([label, data]): Case => ({
      name: `forged Action.Execute data: ${String(label)}`,
      run: (w) => w.teams(w.teamsAction(tom, VERBS.accept, data)),
    }),
  ),
  {
    name: 'forged Action.Execute: unknown verb',
    run: (w) => w.teams(w.teamsAction(tom, 'make-admin', { v: DATA_VERSION })),
  },
  {
    name: 'forged Action.Execute: no action',
    run: (w) => w.teams({ ...w.teamsAction(tom, VERBS.accept, {}), value: {} }),
  },
  {
    name: 'forged invoke: unknown invoke name',
    run: (w) => w.teams({ ...w.teamsAction(tom, VERBS.accept, {}), name: 'admin/grant' }),
  },
  // Huge and broken activities.
  {
    name: 'huge Teams activity: 900 KB of text',
    run: (w) => w.teams(w.teamsMessage(tom, `find ${'x'.repeat(900_000)}`)),
  },
  { name: 'huge Teams activity: over 1 MB', run: (w) => w.teams(w.teamsMessage(tom, 'y'.repeat(1_100_000))) },
  {
    name: 'huge Teams activity: 5,000 entities',
    run: (w) =>
      w.teams(
        w.teamsMessage(tom, 'help', {
          entities: Array.from({ length: 5000 }, (_, i) => ({
            type: 'mention',
            text: `<at>${i}</at>`,
            mentioned: { id: `29:${i}`, name: String(i) },
          })),
        }),
      ),
  },
  {
    name: 'huge Teams activity: 2,000 attachments',
    run: (w) =>
      w.teams(
        w.teamsMessage(tom, 'help', {
          attachments: Array.from({ length: 2000 }, () => ({
            contentType: 'text/html',
            content: '<p>x</p>',
          })),
        }),
      ),
  },
  {
    name: 'Teams activity nested 3,000 deep',
    run: (w) =>
      w.teams(
        w.teamsMessage(tom, 'help', {
          channelData: JSON.parse(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`),
        }),
      ),
  },
  {
    name: 'Teams activity without from',
    run: (w) => w.teams({ ...w.teamsMessage(tom, 'help'), from: undefined }),
  },
  {
    name: 'Teams activity without conversation',
    run: (w) => w.teams({ ...w.teamsMessage(tom, 'help'), conversation: undefined }),
  },
  {
    name: 'Teams activity without serviceUrl',
    run: (w) => w.teams({ ...w.teamsMessage(tom, 'help'), serviceUrl: undefined }),
  },
  {
    name: 'Teams activity with a foreign serviceUrl',
    run: (w) => w.teams({ ...w.teamsMessage(tom, 'help'), serviceUrl: 'http://169.254.169.254/' }),
  },
  {
    name: 'Teams activity of an unknown type',
    run: (w) => w.teams({ ...w.teamsMessage(tom, 'help'), type: 'grantAdmin' }),
  },
  {
    name: 'Teams activity that is an array',
    run: (w) =>
      w.app
        .inject({
          method: 'POST',
          url: '/api/messages',
          payload: '[1,2]',
          headers: { 'content-type': 'application/json' },
        })
        .then((r) => ({ status: r.statusCode, body: r.body })),
  },
  {
    name: 'Teams activity that is not JSON',
    run: (w) =>
      w.app
        .inject({
          method: 'POST',
          url: '/api/messages',
          payload: '{"type":',
          headers: { 'content-type': 'application/json' },
        })
        .then((r) => ({ status: r.statusCode, body: r.body })),
  },
  {
    name: 'Teams activity as text/plain',
    run: (w) =>
      w.app
        .inject({
          method: 'POST',
          url: '/api/messages',
          payload: 'hello',
          headers: { 'content-type': 'text/plain' },
        })
        .then((r) => ({ status: r.statusCode, body: r.body })),
  },
  {
    name: 'Teams message in another tenant’s conversation',
    run: (w) =>
      w.teams(
        w.teamsMessage(trent, 'withdraw alice-h', {
          conversation: { conversationType: 'personal', id: carol.conversationId, tenantId: carol.tenantId },
        }),
      ),
  },
  {
    name: 'Teams command as a stranger: remove Alice',
    run: (w) => w.teams(w.teamsMessage(tom, 'remove alice-h')),
  },
  {
    name: 'Teams command as a stranger: block Bob, then nothing for Alice',
    run: (w) => w.teams(w.teamsMessage(trent, 'block bob-h')),
  },
];

export const forgedCases: Case[] = [...slackForged, ...teamsForged].map((c) => ({
  ...c,
  check: (r) => {
    answered(r);
    noLeak(r);
  },
}));
