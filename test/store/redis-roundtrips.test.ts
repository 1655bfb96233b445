import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StorePort } from '../../src/core/ports.js';
import { ensureAccount } from '../../src/core/usecases/accounts.js';
import { requestConnection } from '../../src/core/usecases/requests.js';
import { openRedisStore } from '../../src/store/redis/index.js';
import { T0 } from '../helpers/clock.js';
import { slackActor, slackIdentity } from '../helpers/identities.js';
import { seededRandom, sequentialIds } from '../helpers/random.js';
import { adminClient, dropNamespace, freshNamespace, STANDALONE, withRedis } from './redis-support.js';

/**
 * Counts what each store command sends to Redis, with MONITOR: commands from our client that name
 * this test's namespace (commands run inside a Lua script are reported as `lua` and not counted).
 * Every state transition must be ONE command, i.e. one round trip.
 */
await withRedis('redis round trips', STANDALONE, () => {
  const namespace = freshNamespace();
  let admin: Redis;
  let monitor: Redis;
  let store: StorePort;
  const seen: string[][] = [];
  let mark = 0;

  beforeAll(async () => {
    const client = adminClient(STANDALONE);
    if (!('monitor' in client)) throw new Error('standalone client expected');
    admin = client;
    await admin.connect();
    monitor = await admin.monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua' && args.some((a) => a.includes(namespace))) seen.push(args);
    });
    store = await openRedisStore(STANDALONE, { namespace, strictRuleCheck: true });
  });
  afterAll(async () => {
    await store.close();
    monitor.disconnect();
    await dropNamespace(admin, namespace);
    admin.disconnect();
  });

  /** The commands `action` sent: everything seen between two markers echoed by the admin client. */
  async function commandsOf(action: () => Promise<unknown>): Promise<string[]> {
    const fence = async () => {
      const m = `${namespace}:mark:${mark++}`;
      await admin.echo(m);
      for (let i = 0; i < 200 && !seen.some((a) => a.includes(m)); i++)
        await new Promise((r) => setTimeout(r, 5));
      const at = seen.findIndex((a) => a.includes(m));
      if (at < 0) throw new Error('MONITOR did not report the marker');
      return at;
    };
    const start = await fence();
    await action();
    const end = await fence();
    return seen.slice(start + 1, end).map((args) => String(args[0]).toLowerCase());
  }

  it('each state transition and each read is one command (EVALSHA): one round trip', async () => {
    const ids = sequentialIds();
    const newId = () => ids('evt');
    const register = (name: string) =>
      store.registerAccount({
        id: ids('acc'),
        identity: slackIdentity(`U_${name}`),
        displayName: name,
        locale: 'en',
        handleCandidates: [name],
        now: T0,
      });
    // Warm up: the first call after a server restart may need EVAL (NOSCRIPT) once.
    await store.getAccount('acc_warmup');
    const counts: Record<string, string[]> = {};
    const count = async (name: string, action: () => Promise<unknown>) => {
      counts[name] = await commandsOf(action);
    };

    const idOf = (r: Awaited<ReturnType<typeof register>>) => (r.ok ? r.value.account.id : '');
    let alice = '';
    await count('registerAccount', async () => {
      alice = idOf(await register('alice'));
    });
    const bobby = idOf(await register('bobby'));
    const carol = idOf(await register('carol'));
    const send = (from: string, to: string, now: number) =>
      store.sendRequest({
        requestId: ids('req'),
        senderId: from,
        recipientId: to,
        note: null,
        source: 'link',
        context: null,
        now,
        newId,
      });

    let reqId = '';
    await count('sendRequest', async () => {
      const r = await send(alice, bobby, T0);
      reqId = r.ok ? r.value.request.id : '';
    });
    await count('decideRequest accept', () =>
      store.decideRequest({ requestId: reqId, actorId: bobby, action: 'accept', now: T0 + 1, newId }),
    );
    const second = await send(carol, alice, T0 + 2);
    const secondId = second.ok ? second.value.request.id : '';
    await count('decideRequest decline', () =>
      store.decideRequest({ requestId: secondId, actorId: alice, action: 'decline', now: T0 + 3, newId }),
    );
    await count('decideRequest withdraw', () =>
      store.decideRequest({ requestId: secondId, actorId: carol, action: 'withdraw', now: T0 + 4, newId }),
    );
    await count('decideRequest (already decided)', () =>
      store.decideRequest({ requestId: reqId, actorId: bobby, action: 'decline', now: T0 + 5, newId }),
    );
    await count('sendRequest connected (mutual)', async () => {
      await send(bobby, carol, T0 + 6);
      await send(carol, bobby, T0 + 7);
    });
    await count('removeContact', () => store.removeContact({ actorId: alice, otherId: bobby, now: T0 + 8 }));
    await count('blockAccount', () => store.blockAccount({ actorId: alice, otherId: carol, now: T0 + 9 }));
    await count('changeHandle', () =>
      store.changeHandle({ accountId: alice, handle: 'alice-2', now: T0 + 10 }),
    );
    await count('updateProfile', () => store.updateProfile({ accountId: alice, displayName: 'Alice L' }));
    await count('getAccount', () => store.getAccount(alice));
    await count('getRequest', () => store.getRequest(reqId));
    await count('relationship', () => store.relationship(alice, bobby));
    await count('listRequests', () =>
      store.listRequests({ accountId: alice, direction: 'outgoing', now: T0 + 11, limit: 20 }),
    );
    await count('listContacts', () => store.listContacts({ accountId: carol, limit: 20 }));
    await count('claimOutbox', () =>
      store.claimOutbox({ owner: 'w', now: T0 + 20, leaseMs: 1000, limit: 10 }),
    );
    await count('claimOnce', () => store.claimOnce('idempotency', 'k', T0 + 1000, T0));

    const perAction = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.length]));
    console.info(`redis commands per store call: ${JSON.stringify(perAction)}`);
    for (const [name, cmds] of Object.entries(counts)) {
      const calls = name === 'sendRequest connected (mutual)' ? 2 : 1;
      expect({ name, cmds }).toEqual({ name, cmds: Array(calls).fill('evalsha') });
    }
  });

  it('a whole user action through the use case: each store call is one round trip', async () => {
    const ids = sequentialIds();
    const deps = {
      store,
      clock: { now: () => T0 + 100 },
      random: { ...seededRandom(7), id: (prefix: string) => ids(`${prefix}_uc`) },
      publicUrl: 'https://invite.example.com',
    };
    await requestConnection(deps, {
      actor: slackActor('U_dave', 'dave'),
      target: { kind: 'actor', actor: slackActor('U_erin', 'erin') },
      source: 'mention',
    });
    // erin was named unclaimed; her first act claims the account (one script, once).
    await ensureAccount(deps, slackActor('U_erin', 'erin'));
    // Known sender and recipient: look up both (2 reads), then the transition itself (1 script).
    const cmds = await commandsOf(() =>
      requestConnection(deps, {
        actor: slackActor('U_erin', 'erin'),
        target: { kind: 'actor', actor: slackActor('U_dave', 'dave') },
        source: 'mention',
      }),
    );
    console.info(`redis commands for requestConnection (known people, mutual → connected): ${cmds.length}`);
    expect(cmds).toEqual(['evalsha', 'evalsha', 'evalsha']);
  });
});
