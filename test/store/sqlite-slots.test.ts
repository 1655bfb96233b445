import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { handleSlot, SLOT_WINDOW } from '../../src/store/sqlite/slots.js';
import { T0 } from '../helpers/clock.js';
import { slackIdentity } from '../helpers/identities.js';

/**
 * `accounts.slot` (the rowid) is derived from the handle key (src/store/sqlite/slots.ts). Stored files
 * depend on the hash, and two keys may share a home slot: these pin both.
 */
describe('sqlite account slots', () => {
  it('the home slot of a key never changes (stored files depend on it) and stays below 2^52', () => {
    expect(handleSlot('bob')).toBe(2371002559300335);
    expect(handleSlot('alice-1')).toBe(2796889109446140);
    expect(handleSlot('user-00000')).toBe(602949478447571);
    for (const k of ['a', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', '-_-', 'ユーザー'])
      expect(handleSlot(k)).toBeLessThan(2 ** 52);
  });

  describe('when a home slot is taken', () => {
    let dir: string;
    let path: string;
    let store: SqliteStore;
    let raw: Database.Database;
    let n = 0;
    const register = (handles: string[]) =>
      store.registerAccount({
        id: `acc_${++n}`,
        identity: slackIdentity(`U${n}`),
        displayName: `User ${n}`,
        locale: 'en',
        handleCandidates: handles,
        now: T0,
      });
    const slotOf = (id: string) => raw.prepare('SELECT slot FROM accounts WHERE id = ?').pluck().get(id);
    /** Puts a row in `slot` as another key would that shares its home slot (it cannot be found by handle). */
    const occupy = (slot: number, i: number) =>
      raw
        .prepare(
          `INSERT INTO accounts (slot, id, handle, handle_key, display_name, search_text, locale, searchable, created_at, identities)
           VALUES (?, ?, ?, ?, 'Squatter', 'squatter', 'en', 1, ?, '[]')`,
        )
        .run(slot, `acc_squat_${i}`, `squat-${i}`, `squat-${i}`, T0);

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'cwi-slots-'));
      path = join(dir, 'store.db');
      store = openSqliteStore({ path, now: T0 });
      raw = new Database(path);
    });
    afterEach(async () => {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the account takes the next free slot and is found, taken, renamed and aliased as usual', async () => {
      occupy(handleSlot('bob'), 0);
      const bob = await register(['bob']);
      if (!bob.ok) throw new Error('bob was not registered');
      expect(slotOf(bob.value.account.id)).toBe(handleSlot('bob') + 1);
      expect(await store.resolveHandle('BOB', T0)).toMatchObject({
        via: 'handle',
        account: { id: bob.value.account.id },
      });
      // The handle is taken even though it does not live in its home slot.
      const other = await register(['bob', 'bob-2']);
      expect(other.ok && other.value.account.handle).toBe('bob-2');
      // Same key, other case: the row stays where it is.
      const recased = await store.changeHandle({
        accountId: bob.value.account.id,
        handle: 'Bob',
        now: T0 + 1,
      });
      expect(recased.ok).toBe(true);
      expect(slotOf(bob.value.account.id)).toBe(handleSlot('bob') + 1);
      const renamed = await store.changeHandle({
        accountId: bob.value.account.id,
        handle: 'robert',
        now: T0 + 2,
      });
      expect(renamed.ok).toBe(true);
      expect(slotOf(bob.value.account.id)).toBe(handleSlot('robert'));
      expect(await store.resolveHandle('robert', T0 + 3)).toMatchObject({ via: 'handle' });
      expect(await store.resolveHandle('bob', T0 + 3)).toMatchObject({
        via: 'alias',
        account: { id: bob.value.account.id, handle: 'robert' },
      });
      expect(store.integrityCheck()).toBe('ok');
    });

    it('a window with no free slot is a bug, not a silent overwrite: registering fails and writes nothing', async () => {
      const home = handleSlot('bob');
      raw.transaction(() => {
        for (let i = 0; i < SLOT_WINDOW; i++) occupy(home + i, i);
      })();
      await expect(register(['bob'])).rejects.toThrow(/no free account slot/);
      expect(await store.resolveHandle('bob', T0)).toBeNull();
      expect(raw.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(SLOT_WINDOW);
    });
  });
});
