import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import type { DomainEvent } from '../../src/core/events.js';
import type { Decision } from '../../src/core/types.js';
import { openRedisStore, type RedisStore } from '../../src/store/redis/index.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { seededFloat } from '../helpers/random.js';
import { adminClient, dropNamespace, freshNamespace, STANDALONE, withRedis } from './redis-support.js';

/**
 * Two OS processes share one Redis and fire 1,000 concurrent accept/decline/withdraw decisions at
 * the same 200 pending requests. Every request must end in exactly one final state reached by a
 * valid path, contacts must be symmetric, and the outbox must hold exactly one event per transition.
 */
const CHILD = fileURLToPath(new URL('./redis-race-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SENDERS = 20;
const RECIPIENTS = 10;
const ACTIONS = 1000;
const PROCESSES = 2;

await withRedis('redis multi-process race', STANDALONE, () => {
  const namespace = freshNamespace();
  let admin: Redis | Cluster;
  let store: RedisStore;
  beforeAll(async () => {
    admin = adminClient(STANDALONE);
    await admin.connect();
    store = await openRedisStore(STANDALONE, { namespace, strictRuleCheck: true });
  });
  afterAll(async () => {
    await store.close();
    await dropNamespace(admin, namespace);
    admin.disconnect();
  });

  async function register(name: string): Promise<string> {
    const r = await store.registerAccount({
      id: `acc_${name}`,
      identity: slackIdentity(`U_${name}`),
      displayName: name,
      locale: 'en',
      handleCandidates: [name],
      now: T0,
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.account.id;
  }

  async function race(perChild: Array<Array<{ requestId: string; actorId: string; action: Decision }>>) {
    const children = perChild.map((actions, tag) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          CHILD,
          JSON.stringify({ url: STANDALONE.url, namespace, tag, now: T0 + 1, actions }),
        ],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
      ),
    );
    const lines = children.map((c) => createInterface({ input: c.stdout })[Symbol.asyncIterator]());
    const next = async (i: number) => {
      const line = await lines[i]!.next();
      if (line.done) throw new Error(`child ${i} ended early`);
      return line.value;
    };
    expect(await Promise.all(children.map((_, i) => next(i)))).toEqual(Array(PROCESSES).fill('ready'));
    for (const c of children) c.stdin.end('go\n');
    return Promise.all(children.map(async (_, i) => z.array(z.string()).parse(JSON.parse(await next(i)))));
  }

  it(`${PROCESSES} processes, ${ACTIONS} concurrent decisions on 200 requests: one final state each, symmetric contacts, one event per transition`, async () => {
    const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => register(`sender-${i}`)));
    const recipients = await Promise.all(
      Array.from({ length: RECIPIENTS }, (_, i) => register(`recipient-${i}`)),
    );
    const requests: Array<{ id: string; sender: string; recipient: string }> = [];
    for (const sender of senders) {
      for (const recipient of recipients) {
        const r = await store.sendRequest({
          requestId: `req_${requests.length}`,
          senderId: sender,
          recipientId: recipient,
          note: null,
          source: 'link',
          context: null,
          now: T0,
          newId: () => `evt_sent_${requests.length}`,
        });
        expect(r.ok && r.value.status).toBe('sent');
        requests.push({ id: `req_${requests.length}`, sender, recipient });
      }
    }

    const random = seededFloat(2024);
    const kinds: Decision[] = ['accept', 'decline', 'withdraw'];
    const actions = Array.from({ length: ACTIONS }, (_, i) => {
      const req = requests[i % requests.length]!;
      const action = kinds[Math.floor(random() * kinds.length)]!;
      return { requestId: req.id, actorId: action === 'withdraw' ? req.sender : req.recipient, action };
    });
    for (let i = actions.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [actions[i], actions[j]] = [actions[j]!, actions[i]!];
    }
    const share = Math.ceil(ACTIONS / PROCESSES);
    const split = Array.from({ length: PROCESSES }, (_, p) => actions.slice(p * share, (p + 1) * share));
    const outcomes = (await race(split)).flatMap((o, p) =>
      o.map((outcome, i) => ({ ...split[p]![i]!, outcome })),
    );
    expect(outcomes).toHaveLength(ACTIONS);
    expect(outcomes.filter((o) => o.outcome.startsWith('THROWN'))).toEqual([]);

    // Per request: the successful transitions form one valid path to the stored final state.
    const finals = { accepted: 0, declined: 0, withdrawn: 0 };
    let expectedEvents = requests.length;
    for (const req of requests) {
      const mine = outcomes.filter((o) => o.requestId === req.id);
      const wins = mine
        .filter((o) => o.outcome.startsWith('ok:'))
        .map((o) => `${o.action}:${o.outcome.slice(3)}`);
      const final = (await store.getRequest(req.id))?.state;
      const paths: Record<string, string[][]> = {
        accepted: [['accept:accepted']],
        declined: [['decline:declined']],
        withdrawn: [['withdraw:withdrawn'], ['decline:declined', 'withdraw:withdrawn']],
      };
      expect(
        final &&
          paths[final]?.some((p) => JSON.stringify([...p].sort()) === JSON.stringify([...wins].sort())),
      ).toBe(true);
      for (const o of mine.filter((m) => !m.outcome.startsWith('ok:'))) {
        expect(o.outcome).toMatch(/^ALREADY_DECIDED:(accepted|declined|withdrawn|pending)$/);
      }
      if (final === 'accepted' || final === 'declined' || final === 'withdrawn') finals[final]++;
      if (final === 'accepted') expectedEvents++;
      if (final === 'withdrawn' && wins.length === 1) expectedEvents++;
      const ab = await store.relationship(req.sender, req.recipient);
      const ba = await store.relationship(req.recipient, req.sender);
      expect([ab.areContacts, ba.areContacts]).toEqual([final === 'accepted', final === 'accepted']);
    }
    for (const id of [...senders, ...recipients]) {
      const page = await store.listContacts({ accountId: id, limit: 100 });
      for (const c of page.items) {
        const theirs = await store.relationship(c.account.id, id);
        expect(theirs.areContacts).toBe(true);
      }
    }

    // The outbox: exactly one event per transition that notifies someone, none twice.
    const events: DomainEvent[] = [];
    for (let round = 0; round < 100; round++) {
      const items = await store.claimOutbox({ owner: 'check', now: T0 + 2, leaseMs: 60_000, limit: 500 });
      if (items.length === 0) break;
      for (const item of items) {
        events.push(item.event);
        expect(await store.ackOutbox({ eventId: item.event.id, owner: 'check' })).toBe(true);
      }
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events).toHaveLength(expectedEvents);
    for (const req of requests) {
      const types = events
        .filter((e) => e.requestId === req.id)
        .map((e) => e.type)
        .sort();
      const final = (await store.getRequest(req.id))?.state;
      const wins = outcomes.filter((o) => o.requestId === req.id && o.outcome.startsWith('ok:')).length;
      const expected = ['request_received'];
      if (final === 'accepted') expected.push('request_accepted');
      if (final === 'withdrawn' && wins === 1) expected.push('request_withdrawn');
      expect({ id: req.id, types }).toEqual({ id: req.id, types: expected.sort() });
    }
    expect((await store.outboxStats(T0 + 2)).depth).toBe(0);
    const ok = outcomes.filter((o) => o.outcome.startsWith('ok:')).length;
    console.info(
      `redis race: ${ACTIONS} decisions from ${PROCESSES} processes on ${requests.length} requests: ` +
        `${ok} won, ${ACTIONS - ok} ALREADY_DECIDED; final ${JSON.stringify(finals)}; ${events.length} events`,
    );
  });
});
