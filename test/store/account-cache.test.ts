import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, StorePort } from '../../src/core/index.js';
import { ACCOUNT_CACHE_TTL_MS, withAccountCache } from '../../src/store/account-cache.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { fixedClock, T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';
import { storeContract } from './contract.js';

/** In one process every change goes through the cache: the whole contract holds on a cached store. */
storeContract('sqlite (:memory:) behind the account cache', async () => {
  const raw = openSqliteStore({ path: ':memory:', now: T0 });
  return { store: withAccountCache(raw, { clock: fixedClock() }), close: () => raw.close() };
});

/** Two processes on one database: two connections, each with its own cache. */
describe('account cache across processes', () => {
  const dirs: string[] = [];
  const stores: StorePort[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const open = (maxAccounts?: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cache-'));
    dirs.push(dir);
    const path = join(dir, 'store.db');
    const clock = fixedClock();
    const connect = () => {
      const raw = openSqliteStore({ path, now: T0 });
      stores.push(raw);
      return withAccountCache(raw, { clock, ...(maxAccounts ? { maxAccounts } : {}) });
    };
    return { clock, a: connect(), b: connect() };
  };
  const register = async (store: StorePort, user: string, handle: string): Promise<Account> => {
    const r = await store.registerAccount({
      id: `acc_${user}`,
      identity: slackIdentity(user),
      displayName: user,
      locale: 'en',
      handleCandidates: [handle],
      now: T0,
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.account;
  };

  it('shows a change made here at once, and one made elsewhere within the TTL', async () => {
    const { clock, a, b } = open();
    const ann = await register(a, 'U_ANN', 'ann');
    expect((await b.getAccountByIdentity(slackIdentity('U_ANN')))?.handle).toBe('ann');

    const changed = await a.changeHandle({ accountId: ann.id, handle: 'ann-2', now: T0 });
    expect(changed.ok).toBe(true);
    expect((await a.getAccountByIdentity(slackIdentity('U_ANN')))?.handle).toBe('ann-2');
    expect((await a.getAccount(ann.id))?.handle).toBe('ann-2');
    // The other process still has what it read: the old handle, which stays an alias that resolves.
    expect((await b.getAccountByIdentity(slackIdentity('U_ANN')))?.handle).toBe('ann');
    expect((await b.resolveHandle('ann', T0))?.account.id).toBe(ann.id);

    clock.advance(ACCOUNT_CACHE_TTL_MS);
    expect((await b.getAccountByIdentity(slackIdentity('U_ANN')))?.handle).toBe('ann-2');
    expect((await b.getAccount(ann.id))?.handle).toBe('ann-2');
  });

  it('keeps a profile update made here, and never caches an account that does not exist', async () => {
    const { a, b } = open();
    expect(await b.getAccountByIdentity(slackIdentity('U_BEN'))).toBeNull();
    const ben = await register(a, 'U_BEN', 'ben');
    // A miss is not remembered: the account registered elsewhere is found at once.
    expect((await b.getAccountByIdentity(slackIdentity('U_BEN')))?.id).toBe(ben.id);
    await a.updateProfile({ accountId: ben.id, displayName: 'Ben B', locale: 'ja' });
    const seen = await a.getAccountByIdentity(slackIdentity('U_BEN'));
    expect([seen?.displayName, seen?.locale]).toEqual(['Ben B', 'ja']);
  });

  it('holds at most maxAccounts accounts, dropping the least recently stored', async () => {
    const { a, b } = open(2);
    const [x, y, z] = [
      await register(a, 'U_X', 'x-user'),
      await register(a, 'U_Y', 'y-user'),
      await register(a, 'U_Z', 'z-user'),
    ];
    for (const acc of [x, y, z]) await b.getAccount(acc.id);
    // Changed elsewhere: b shows the change for x (dropped from its cache), not for z (still held).
    await a.updateProfile({ accountId: x.id, displayName: 'X new' });
    await a.updateProfile({ accountId: z.id, displayName: 'Z new' });
    expect((await b.getAccount(x.id))?.displayName).toBe('X new');
    expect((await b.getAccount(z.id))?.displayName).toBe('U_Z');
  });
});
