import { ACTION, encode } from '../../../src/bots/slack/values.js';
import { sign } from '../../bots/slack/support.js';
import { type Case, unauthorized } from '../support/case.js';
import { alice, bob, clickPayload, commandBody, SIGNING_SECRET, type World } from '../support/world.js';

/**
 * Forged, replayed and missing signatures on requests that would change protected state: Bob
 * "accepting" Alice's request, Alice "changing" her handle, an event. All must be refused (401).
 */
const FORM = 'application/x-www-form-urlencoded';
const now = () => Math.floor(Date.now() / 1000);

type Body = { label: string; body: (w: World) => string; type: string };
const bodies: Body[] = [
  { label: 'command `id set`', type: FORM, body: () => commandBody(alice, 'id set hijacked-h') },
  {
    label: 'accept click',
    type: FORM,
    body: (w) =>
      `payload=${encodeURIComponent(JSON.stringify(clickPayload(bob, ACTION.accept, encode.request({ r: w.requestId, s: 'dm' }))))}`,
  },
  {
    label: 'event',
    type: 'application/json',
    body: () =>
      JSON.stringify({
        type: 'event_callback',
        team_id: 'T0001',
        api_app_id: 'A0001',
        event_id: 'EvForged',
        event_time: now(),
        event: { type: 'app_home_opened', user: 'U_ALICE', tab: 'home', event_ts: '1.2' },
      }),
  },
];

type Forgery = {
  label: string;
  send: (w: World, body: string, type: string) => ReturnType<World['slackPost']>;
};
const forgeries: Forgery[] = [
  { label: 'signed with another secret', send: (w, b, t) => w.slackPost(b, t, { secret: 'not-the-secret' }) },
  { label: 'signed with an empty secret', send: (w, b, t) => w.slackPost(b, t, { secret: '' }) },
  {
    label: 'signature of another body',
    send: (w, b, t) => {
      const ts = now();
      return w.slackPost(`${b}&x=1`, t, {
        ts,
        headers: { 'x-slack-signature': sign(SIGNING_SECRET, ts, b) },
      });
    },
  },
  { label: 'replayed 301 s later', send: (w, b, t) => w.slackPost(b, t, { ts: now() - 301 }) },
  { label: 'replayed a day later', send: (w, b, t) => w.slackPost(b, t, { ts: now() - 86_400 }) },
  { label: 'timestamp 301 s in the future', send: (w, b, t) => w.slackPost(b, t, { ts: now() + 301 }) },
  { label: 'timestamp zero', send: (w, b, t) => w.slackPost(b, t, { ts: 0 }) },
  { label: 'no headers at all', send: (w, b, t) => w.slackPost(b, t, { unsigned: true }) },
  {
    label: 'no signature header',
    send: (w, b, t) =>
      w.slackPost(b, t, { unsigned: true, headers: { 'x-slack-request-timestamp': String(now()) } }),
  },
  {
    label: 'no timestamp header',
    send: (w, b, t) =>
      w.slackPost(b, t, { unsigned: true, headers: { 'x-slack-signature': sign(SIGNING_SECRET, now(), b) } }),
  },
  {
    label: 'non-numeric timestamp',
    send: (w, b, t) => w.slackPost(b, t, { headers: { 'x-slack-request-timestamp': 'yesterday' } }),
  },
  {
    label: 'signature v1= scheme',
    send: (w, b, t) =>
      w.slackPost(b, t, {
        headers: { 'x-slack-signature': sign(SIGNING_SECRET, now(), b).replace('v0=', 'v1=') },
      }),
  },
  {
    label: 'empty signature',
    send: (w, b, t) => w.slackPost(b, t, { headers: { 'x-slack-signature': '' } }),
  },
  {
    label: 'truncated signature',
    send: (w, b, t) =>
      w.slackPost(b, t, { headers: { 'x-slack-signature': sign(SIGNING_SECRET, now(), b).slice(0, 20) } }),
  },
  {
    label: 'signature of 64 zeros',
    send: (w, b, t) => w.slackPost(b, t, { headers: { 'x-slack-signature': `v0=${'0'.repeat(64)}` } }),
  },
];

export const slackSignatureCases: Case[] = bodies.flatMap((b) =>
  forgeries.map(
    (f): Case => ({
      name: `slack signature: ${b.label}, ${f.label}`,
      run: (w) => f.send(w, b.body(w), b.type),
      check: unauthorized,
    }),
  ),
);
