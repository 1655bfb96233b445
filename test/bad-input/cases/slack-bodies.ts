import { ACTION } from '../../../src/bots/slack/values.js';
import { answered, type Case, noLeak, rejected } from '../support/case.js';
import { alice, clickPayload, commandBody, mallory, type World } from '../support/world.js';

/**
 * Correctly signed bodies that are oversized, malformed, of the wrong content type, or of payload
 * and event types we do not handle. None may crash or answer 5xx; unknown kinds are acked.
 */
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const event = (e: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'event_callback',
    team_id: 'T0001',
    api_app_id: 'A0001',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: '1700000000.000001', ...e },
    ...more,
  });

const signed = (name: string, type: string, body: (w: World) => string, check?: Case['check']): Case => ({
  name: `slack body: ${name}`,
  run: (w) => w.slackPost(body(w), type),
  check:
    check ??
    ((r) => {
      answered(r);
      noLeak(r);
    }),
});

const MB = 1024 * 1024;
export const slackBodyCases: Case[] = [
  // Size
  signed('form body over 1 MB', FORM, () => commandBody(mallory, 'x'.repeat(MB + 10)), rejected),
  signed(
    'JSON event over 1 MB',
    JSON_TYPE,
    () => event({ type: 'app_home_opened', user: 'U_MAL', pad: 'x'.repeat(MB) }),
    rejected,
  ),
  signed(
    'payload over 1 MB',
    FORM,
    () => form(clickPayload(mallory, ACTION.accept, 'x'.repeat(MB))),
    rejected,
  ),
  signed('command text of 100,000 characters', FORM, () => commandBody(mallory, 'a '.repeat(50_000))),
  // Malformed form data
  signed('form with a broken percent escape', FORM, () => 'payload=%7B%zz'),
  signed('payload that is not JSON', FORM, () => 'payload=%7Bnot-json'),
  signed('payload = null', FORM, () => 'payload=null'),
  signed('payload = []', FORM, () => 'payload=%5B%5D'),
  signed('payload = a string', FORM, () => 'payload=%22hello%22'),
  signed('payload = a number', FORM, () => 'payload=42'),
  signed('empty form body', FORM, () => ''),
  signed('form of only ampersands', FORM, () => '&&&&'),
  signed(
    'form with the payload field twice',
    FORM,
    (w) => `${form(clickPayload(mallory, ACTION.accept, w.requestId))}&payload=%7B%7D`,
  ),
  signed('command with no user_id', FORM, () => commandBody(mallory, 'id').replace(/user_id=[^&]*&/, '')),
  signed('command with no command field', FORM, () =>
    commandBody(mallory, 'id').replace(/command=[^&]*&/, ''),
  ),
  signed('command with no team_id', FORM, () => commandBody(mallory, 'id').replace(/team_id=[^&]*&/, '')),
  signed('command with an empty user_id', FORM, () => commandBody(mallory, 'id', { user_id: '' })),
  signed('another slash command name', FORM, () =>
    commandBody(mallory, 'id', { command: '/something-else' }),
  ),
  signed('command with a non-URL response_url', FORM, () =>
    commandBody(mallory, 'id', { response_url: 'javascript:alert(1)' }),
  ),
  signed('command with a response_url to a private address', FORM, () =>
    commandBody(mallory, 'dana-h', { response_url: 'http://169.254.169.254/latest/meta-data' }),
  ),
  // Malformed JSON
  signed('JSON cut in half', JSON_TYPE, () => '{"type":"event_callback","event":{'),
  signed('JSON null', JSON_TYPE, () => 'null'),
  signed('JSON array', JSON_TYPE, () => '[1,2,3]'),
  signed('JSON string', JSON_TYPE, () => '"event_callback"'),
  signed('JSON with a numeric type', JSON_TYPE, () => '{"type":1}'),
  signed('JSON nested 5,000 deep', JSON_TYPE, () => `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
  signed(
    'JSON with __proto__',
    JSON_TYPE,
    () =>
      '{"__proto__":{"admin":true},"type":"event_callback","event":{"type":"app_home_opened","user":"U_ALICE"}}',
  ),
  signed(
    'event_callback without an event',
    JSON_TYPE,
    () => '{"type":"event_callback","team_id":"T0001","event_id":"Ev1"}',
  ),
  // Wrong content types
  signed('text/plain body', 'text/plain', () => commandBody(mallory, 'id'), rejected),
  signed('application/xml body', 'application/xml', () => '<xml><a>1</a></xml>', rejected),
  signed(
    'multipart body',
    'multipart/form-data; boundary=x',
    () => '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    rejected,
  ),
  signed('JSON content type with a form body', JSON_TYPE, () => commandBody(mallory, 'id')),
  signed('form content type with a JSON body', FORM, () => event({ type: 'app_home_opened', user: 'U_MAL' })),
  signed('form content type with a charset', `${FORM}; charset=utf-8`, () => commandBody(mallory, 'help')),
  // Unknown payload types
  ...[
    'shortcut',
    'message_action',
    'block_suggestion',
    'view_closed',
    'dialog_submission',
    'interactive_message',
    'workflow_step_edit',
    'zzz',
  ].map((type) =>
    signed(`payload type ${type}`, FORM, () => form({ ...clickPayload(alice, ACTION.accept, '{}'), type })),
  ),
  signed('block_actions without actions', FORM, () =>
    form({ ...clickPayload(mallory, ACTION.accept, '{}'), actions: [] }),
  ),
  signed('block_actions with 500 actions', FORM, (w) =>
    form({
      ...clickPayload(mallory, ACTION.accept, w.requestId),
      actions: Array.from({ length: 500 }, () => ({ action_id: ACTION.accept, value: w.requestId })),
    }),
  ),
  signed('block_actions with a numeric value', FORM, () =>
    form({
      ...clickPayload(mallory, ACTION.accept, '{}'),
      actions: [{ action_id: ACTION.accept, value: 7 }],
    }),
  ),
  signed('view_submission with no view', FORM, () =>
    form({ type: 'view_submission', team: { id: 'T0001' }, user: { id: 'U_MAL', team_id: 'T0001' } }),
  ),
  // Unknown and odd event types
  ...['reaction_added', 'message', 'app_mention', 'member_joined_channel', 'team_join', 'x'].map((type) =>
    signed(`event type ${type}`, JSON_TYPE, () => event({ type, user: 'U_MAL', text: 'hi' })),
  ),
  signed(
    'unknown envelope type',
    JSON_TYPE,
    () => '{"type":"app_rate_limited","team_id":"T0001","minute_rate_limited":1}',
  ),
  signed('url_verification with a hostile challenge', JSON_TYPE, () =>
    JSON.stringify({ type: 'url_verification', challenge: '<script>alert(1)</script>' }),
  ),
  signed('url_verification with an object challenge', JSON_TYPE, () =>
    JSON.stringify({ type: 'url_verification', challenge: { a: 1 } }),
  ),
];
