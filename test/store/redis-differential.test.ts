import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/core/events.js';
import { organisationPolicySchema } from '../../src/core/organisations-policy.js';
import type { StorePort } from '../../src/core/ports.js';
import type { Decision } from '../../src/core/types.js';
import { openRedisStore } from '../../src/store/redis/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { seededFloat } from '../helpers/random.js';
import { adminClient, dropNamespace, freshNamespace, STANDALONE, withRedis } from './redis-support.js';

/**
 * Differential test: random sequences of commands, reads and clock jumps run against the SQLite
 * store and the Redis store side by side, and every answer must be the same. (The Redis store also
 * checks each script against the core rules itself; this checks what it reads back.)
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NAMES = ['alice', 'bobby', 'carol', 'david', 'erin'];
const HANDLES = ['alice', 'Bobby', 'alpha', 'bravo', 'charlie', 'Delta', 'echo-1'];
const ACTIONS: Decision[] = ['accept', 'decline', 'withdraw', 'block'];
const STEPS = 250;
/** Accounts alternate between two workspaces, so organisation policies and the audit come into play. */
const TEAMS = ['T0001', 'TOTHER'];
const ORGS = TEAMS.map((t) => `slack-workspace:${t}`);

await withRedis('redis vs sqlite differential', STANDALONE, () => {
  let admin: Redis | Cluster;
  const namespaces: string[] = [];
  beforeAll(async () => {
    admin = adminClient(STANDALONE);
    await admin.connect();
  });
  afterAll(async () => {
    for (const ns of namespaces) await dropNamespace(admin, ns);
    admin.disconnect();
  });

  for (const seed of [11, 22, 33]) {
    it(`seed ${seed}: ${STEPS} random steps answer the same on SQLite and Redis`, async () => {
      const namespace = freshNamespace();
      namespaces.push(namespace);
      const stores: StorePort[] = [
        openSqliteStore({ path: ':memory:', now: T0 }),
        await openRedisStore(STANDALONE, { namespace, strictRuleCheck: true }),
      ];
      const random = seededFloat(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const evt = [0, 0];
      const newIdFor = (i: number) => () => `evt_${i}_${evt[i]!++}`;
      const ids = NAMES.map((n) => `acc_${n}`);
      const requestIds: string[] = ['req_nobody'];
      let now = T0;

      /** Runs the same step on both stores and compares the answers. */
      async function both<T>(
        what: string,
        step: (s: StorePort, i: number) => Promise<T>,
        norm = (v: T): unknown => v,
      ) {
        const [a, b] = [await step(stores[0]!, 0), await step(stores[1]!, 1)];
        expect({ what, answer: norm(b) }).toEqual({ what, answer: norm(a) });
        return a;
      }
      /** One organisation's whole audit trail, read 3 records a page. */
      async function auditPages(s: StorePort, organisation: string) {
        const pages = [];
        let cursor: string | null = null;
        do {
          const page = await s.listAudit({ organisation, from: T0, to: now + 1, limit: 3, cursor });
          pages.push(page.items);
          cursor = page.nextCursor;
        } while (cursor !== null && pages.length < 500);
        return pages;
      }
      /** Delivers every deliverable event on both; the same events, in any order across recipients. */
      async function drain() {
        const out: DomainEvent[][] = [[], []];
        for (const [i, s] of stores.entries()) {
          for (let round = 0; round < 50; round++) {
            const items = await s.claimOutbox({ owner: 'w', now, leaseMs: 1000, limit: 100 });
            if (items.length === 0) break;
            for (const item of items) {
              out[i]!.push(item.event);
              await s.ackOutbox({ eventId: item.event.id, owner: 'w' });
            }
          }
        }
        const key = (e: DomainEvent) => `${e.recipientId} ${e.requestId} ${e.type} ${e.actorId} ${e.at}`;
        const [a, b] = out.map((events) => events.map(key).sort());
        expect({ drained: b }).toEqual({ drained: a });
      }

      for (const [i, name] of NAMES.entries()) {
        await both(`register ${name}`, (s) =>
          s.registerAccount({
            id: ids[i]!,
            identity: slackIdentity(`U_${name}`, TEAMS[i % 2]),
            displayName: name,
            locale: 'en',
            handleCandidates: [name],
            now,
          }),
        );
      }

      await both('policy', (s) =>
        s.putOrganisationPolicy({
          organisation: ORGS[1]!,
          policy: organisationPolicySchema.parse({ requests: 'listed', allowed: { domains: ['x.example'] } }),
          now,
        }),
      );
      for (let step = 0; step < STEPS; step++) {
        now += 1 + (random() < 0.1 ? pick([HOUR, DAY, 7 * DAY, 8 * DAY, 23 * DAY, 31 * DAY]) : 0);
        const a = pick(ids);
        const b = pick(ids);
        const op = random();
        if (op < 0.25) {
          const requestId = `req_${step}`;
          requestIds.push(requestId);
          const note = random() < 0.3 ? `note ${step}` : null;
          await both(`send ${a}→${b}`, (s, i) =>
            s.sendRequest({
              requestId,
              senderId: a,
              recipientId: b,
              note,
              source: 'link',
              context: null,
              now,
              newId: newIdFor(i),
            }),
          );
        } else if (op < 0.5) {
          const requestId = pick(requestIds);
          const action = pick(ACTIONS);
          await both(`decide ${requestId} ${action} by ${a}`, (s, i) =>
            s.decideRequest({ requestId, actorId: a, action, now, newId: newIdFor(i) }),
          );
        } else if (op < 0.55) {
          await both(`block ${a}→${b}`, (s) => s.blockAccount({ actorId: a, otherId: b, now }));
        } else if (op < 0.6) {
          await both(`remove ${a}–${b}`, (s) => s.removeContact({ actorId: a, otherId: b, now }));
        } else if (op < 0.65) {
          await both('sweep', (s, i) => s.sweepRequests({ now, limit: 100, newId: newIdFor(i) }));
        } else if (op < 0.7) {
          const handle = pick(HANDLES);
          await both(`changeHandle ${a} ${handle}`, (s) => s.changeHandle({ accountId: a, handle, now }));
        } else if (op < 0.73) {
          const searchable = random() < 0.5;
          await both(`updateProfile ${a}`, (s) => s.updateProfile({ accountId: a, searchable }));
        } else if (op < 0.78) {
          await both(`relationship ${a} ${b}`, (s) => s.relationship(a, b));
        } else if (op < 0.86) {
          const direction = random() < 0.5 ? 'incoming' : 'outgoing';
          await both(`listRequests ${a} ${direction}`, async (s) => {
            const pages = [];
            let cursor: string | null = null;
            do {
              const page = await s.listRequests({ accountId: a, direction, now, limit: 2, cursor });
              pages.push(page.items);
              cursor = page.nextCursor;
            } while (cursor !== null && pages.length < 20);
            return pages;
          });
        } else if (op < 0.92) {
          await both(`listContacts ${a}`, async (s) => {
            const pages = [];
            let cursor: string | null = null;
            do {
              const page = await s.listContacts({ accountId: a, limit: 2, cursor });
              pages.push(page.items);
              cursor = page.nextCursor;
            } while (cursor !== null && pages.length < 20);
            return pages;
          });
        } else if (op < 0.95) {
          const handle = pick([...HANDLES, ...NAMES]);
          await both(`resolveHandle ${handle}`, (s) => s.resolveHandle(handle, now));
          await both(`search ${handle.slice(0, 2)}`, (s) =>
            s.searchAccounts({ scope: 'slack:T0001', query: handle.slice(0, 2), limit: 3 }),
          );
        } else if (op < 0.97) {
          const organisation = pick(ORGS);
          const policy = organisationPolicySchema.parse({
            requests: pick(['all', 'all', 'listed', 'none']),
            allowed: {
              workspaces: random() < 0.5 ? ['TOTHER'] : [],
              domains: random() < 0.5 ? ['x.example'] : [],
            },
            autoConnectSameOrg: random() < 0.4,
          });
          await both(`policy ${organisation} ${JSON.stringify(policy)}`, (s) =>
            s.putOrganisationPolicy({ organisation, policy, now }),
          );
        } else if (op < 0.98) {
          const i = ids.indexOf(a);
          const domain = pick(['x.example', 'y.example', null]);
          await both(`email domain ${a} ${domain}`, (s) =>
            s.setEmailDomain({ identity: slackIdentity(`U_${NAMES[i]}`, TEAMS[i % 2]), domain }),
          );
        } else if (op < 0.99) {
          await both(`audit ${ORGS[0]}`, (s) => auditPages(s, ORGS[0]!));
        } else {
          await both('outboxStats', (s) => s.outboxStats(now));
          await drain();
        }
      }
      await drain();
      for (const org of ORGS) await both(`audit ${org}`, (s) => auditPages(s, org));
      for (const id of requestIds) await both(`getRequest ${id}`, (s) => s.getRequest(id));
      await Promise.all(stores.map((s) => s.close()));
    });
  }
});
