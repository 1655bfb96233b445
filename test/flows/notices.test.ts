import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Account,
  type Actor,
  type DeliveryResult,
  type DomainEvent,
  decideRequest,
  type EventType,
  ensureAccount,
  POLICY,
  requestConnection,
  type Telemetry,
} from '../../src/core/index.js';
import { announce, deliveredKey, type NoticeView, noticeFor } from '../../src/flows/notices.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

/** Every event kind once, without a platform: what the recipient is told, and the delivered-once check. */
let t: TestCore;
let ann: Account;
let bob: Account;
let requestId: string;
const annActor = slackActor('UANN', 'Ann Lee');
const bobActor = teamsActor('aad-bob', 'Bob Tran');

async function register(actor: Actor): Promise<Account> {
  const made = await ensureAccount(t.deps, actor);
  if (!made.ok) throw new Error(made.error.code);
  return made.value.account;
}

beforeEach(async () => {
  t = openTestCore();
  ann = await register(annActor);
  bob = await register(bobActor);
  const sent = await requestConnection(t.deps, {
    actor: annActor,
    target: { kind: 'account', accountId: bob.id },
    note: 'hi',
    source: 'handle',
  });
  if (!sent.ok) throw new Error(sent.error.code);
  requestId = sent.value.outcome.request.id;
});
afterEach(() => t.close());

let seq = 0;
const event = (type: EventType, recipient: Account, over: Partial<DomainEvent> = {}): DomainEvent => ({
  id: `evt_test_${++seq}`,
  type,
  recipientId: recipient.id,
  requestId,
  actorId: null,
  at: t.clock.now(),
  ...over,
});

describe('noticeFor: every event kind', () => {
  it('request_received and request_reminder: a request card while it is pending, nothing after', async () => {
    const received = await noticeFor(t.deps, event('request_received', bob), bob);
    expect(received).toMatchObject({
      kind: 'request',
      reminder: false,
      sender: { id: ann.id },
      senderLink: 'https://invite.example.com/ann-lee',
      request: { id: requestId, note: 'hi' },
    });
    expect(await noticeFor(t.deps, event('request_reminder', bob), bob)).toMatchObject({
      kind: 'request',
      reminder: true,
    });
    await decideRequest(t.deps, { actor: bobActor, requestId, action: 'decline' });
    expect(await noticeFor(t.deps, event('request_reminder', bob), bob)).toEqual({ kind: 'skip' });
  });

  it('request_accepted: the original sender hears who is now a contact', async () => {
    await decideRequest(t.deps, { actor: bobActor, requestId, action: 'accept' });
    expect(await noticeFor(t.deps, event('request_accepted', ann), ann)).toMatchObject({
      kind: 'accepted',
      other: { id: bob.id },
      otherLink: 'https://invite.example.com/bob-tran',
    });
  });

  it('request_expired: the earlier cards settle, as the recipient sees them', async () => {
    t.clock.advance(POLICY.request.expiresAfterMs);
    expect(await noticeFor(t.deps, event('request_expired', bob), bob)).toMatchObject({
      kind: 'settled',
      state: 'expired',
      sender: { id: ann.id },
    });
  });

  it('request_withdrawn: the same, withdrawn', async () => {
    await decideRequest(t.deps, { actor: annActor, requestId, action: 'withdraw' });
    expect(await noticeFor(t.deps, event('request_withdrawn', bob), bob)).toMatchObject({
      kind: 'settled',
      state: 'withdrawn',
    });
  });

  it('an event whose request is gone cannot be said', async () => {
    expect(await noticeFor(t.deps, event('request_received', bob, { requestId: 'req_gone' }), bob)).toEqual({
      kind: 'failed',
      error: 'request not found',
    });
  });
});

describe('announce: delivered once, the real result reported', () => {
  const reported: string[] = [];
  const telemetry: Telemetry = {
    action: (platform, action, outcome) => reported.push(`${platform} ${action} ${outcome}`),
    apiError: () => {},
    deadLetter: () => {},
  };
  const run = { platform: 'teams' as const, telemetry };

  it('a delivered event is not sent again; a retry or a failure is', async () => {
    reported.length = 0;
    const views: NoticeView[] = [];
    const results: DeliveryResult[] = [{ kind: 'retry', error: 'busy' }, { kind: 'delivered' }];
    const deliver = async (view: NoticeView) => {
      views.push(view);
      return results.shift() ?? { kind: 'failed', error: 'sent twice' };
    };
    const e = event('request_received', bob);
    expect(await announce(t.deps, run, e, bob, deliver)).toEqual({ kind: 'retry', error: 'busy' });
    expect(await t.store.getRecord('idempotency', deliveredKey('teams', e.id), t.clock.now())).toBeNull();
    expect(await announce(t.deps, run, e, bob, deliver)).toEqual({ kind: 'delivered' });
    expect(await announce(t.deps, run, e, bob, deliver)).toEqual({ kind: 'delivered' });
    expect(views.map((v) => v.kind)).toEqual(['request', 'request']);
    expect(reported).toEqual([
      'teams notice.request_received retry',
      'teams notice.request_received delivered',
    ]);
  });

  it('the record key is the one both notifiers always used: `<platform>:delivered:<event id>`', async () => {
    const e = event('request_received', bob);
    await t.store.putRecord('idempotency', `slack:delivered:${e.id}`, '1', null);
    let called = 0;
    const deliver = async () => {
      called++;
      return { kind: 'delivered' as const };
    };
    expect(await announce(t.deps, { ...run, platform: 'slack' }, e, bob, deliver)).toEqual({
      kind: 'delivered',
    });
    expect(called).toBe(0);
  });

  it('nothing to say any more counts as delivered without sending; a gone request fails for good', async () => {
    reported.length = 0;
    await decideRequest(t.deps, { actor: bobActor, requestId, action: 'accept' });
    const never = async (): Promise<DeliveryResult> => {
      throw new Error('must not send');
    };
    expect(await announce(t.deps, run, event('request_received', bob), bob, never)).toEqual({
      kind: 'delivered',
    });
    expect(
      await announce(t.deps, run, event('request_received', bob, { requestId: 'req_gone' }), bob, never),
    ).toEqual({ kind: 'failed', error: 'teams: request not found' });
    expect(reported).toEqual([
      'teams notice.request_received skipped',
      'teams notice.request_received failed',
    ]);
  });
});
