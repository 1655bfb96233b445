import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/index.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from '../helpers/clock.js';
import { Fixture, HOUR } from './contract/support.js';

/**
 * Decisions made in the same turn of the event loop share one commit on SQLite (`groupCommitted` in
 * `src/store/sqlite/db.ts`). Each must still be answered as if it ran alone, only once it is durable,
 * and a call that fails must take nothing of the others with it, nor leave anything of its own.
 */
let dir: string;
let path: string;
let store: SqliteStore;
let peer: SqliteStore | null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-group-'));
  path = join(dir, 'store.db');
  store = openSqliteStore({ path, now: T0 });
  peer = null;
});
afterEach(async () => {
  await store.close();
  await peer?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pendingTo(f: Fixture, count: number) {
  const owner = await f.account('Owner');
  const senders = await Promise.all(Array.from({ length: count }, (_, i) => f.account(`Sender${i}`)));
  const requests = [];
  for (const sender of senders) requests.push(await f.pending(sender, owner, T0));
  return { owner, senders, requests };
}

describe('sqlite group commit of decisions', () => {
  it('clicks made together are answered as if alone, and each is stored when it is answered', async () => {
    const f = new Fixture(store, {}, undefined);
    const { owner, senders, requests } = await pendingTo(f, 8);
    const now = T0 + HOUR;
    const [first, ...others] = requests.map((r) => r.id);
    const answers = await Promise.all([
      f.decide(first ?? '', owner, 'accept', now),
      f.decide(first ?? '', owner, 'accept', now),
      f.decide('req_unknown', owner, 'accept', now),
      f.decide(others[0] ?? '', senders[3] ?? '', 'accept', now),
      ...others.map((id) => f.decide(id, owner, 'accept', now)),
    ]);
    expect(answers.map((a) => (a.ok ? a.value.request.state : a.error.code))).toEqual([
      'accepted',
      'ALREADY_DECIDED',
      'NOT_FOUND',
      'NOT_YOURS',
      ...others.map(() => 'accepted'),
    ]);
    // The other party comes with each answer.
    expect(answers[0]?.ok && answers[0].value.other?.id).toBe(senders[0]?.id);
    // Answered means committed: another connection to the file sees every accept.
    peer = openSqliteStore({ path, now: T0 });
    for (const [i, request] of requests.entries()) {
      expect((await peer.getRequest(request.id))?.state).toBe('accepted');
      expect((await peer.relationship(owner.id, senders[i]?.id ?? '')).areContacts).toBe(true);
    }
  });

  it('a call that fails rolls back only its own changes', async () => {
    const f = new Fixture(store, {}, undefined);
    const { owner, senders, requests } = await pendingTo(f, 3);
    const now = T0 + HOUR;
    const decide = (id: string, eventId: string) =>
      store.decideRequest({ requestId: id, actorId: owner.id, action: 'accept', now, newId: () => eventId });
    // The second accept's event id is the first one's: its outbox insert fails after it has
    // already updated its request and added the contacts.
    const answers = await Promise.allSettled([
      decide(requests[0]?.id ?? '', 'evt_same'),
      decide(requests[1]?.id ?? '', 'evt_same'),
      decide(requests[2]?.id ?? '', 'evt_other'),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.getRequest(requests[1]?.id ?? ''))?.state).toBe('pending');
    expect((await store.relationship(owner.id, senders[1]?.id ?? '')).areContacts).toBe(false);
    for (const i of [0, 2]) {
      expect((await store.getRequest(requests[i]?.id ?? ''))?.state).toBe('accepted');
      expect((await store.relationship(owner.id, senders[i]?.id ?? '')).areContacts).toBe(true);
    }
  });

  it('a group that cannot commit fails every call and keeps none of them', async () => {
    const f = new Fixture(store, {}, undefined);
    const { owner, requests } = await pendingTo(f, 3);
    const now = T0 + HOUR;
    // Another process (a backup, a sqlite3 shell) holds the write lock past the busy timeout.
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    let answers: PromiseSettledResult<unknown>[];
    try {
      answers = await Promise.allSettled(requests.map((r) => f.decide(r.id, owner, 'accept', now)));
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    for (const a of answers) {
      expect(a.status).toBe('rejected');
      expect(a.status === 'rejected' && a.reason).toBeInstanceOf(StoreUnavailableError);
    }
    // Nothing was kept: the same clicks now work, each for the first time.
    const again = await Promise.all(requests.map((r) => f.decide(r.id, owner, 'accept', now)));
    expect(again.map((a) => a.ok && a.value.request.state)).toEqual(['accepted', 'accepted', 'accepted']);
  }, 20_000);
});
