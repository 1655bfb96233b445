import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileRead } from '../../src/flows/platform-events.js';
import {
  ADMIN_FRESH_MS,
  PROFILE_RETRY_AFTER_MS,
  type ProfileRead,
  profileCache,
} from '../../src/runtime/profile-cache.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { teamsIdentity } from '../helpers/identities.js';

/**
 * The profile cache's timing policy without any platform: a real SQLite store, and a profile read of
 * the test's own standing for the platform's call (Slack's `users.info` is tested end to end in
 * test/bots/slack/first-contact.test.ts and ack.test.ts).
 */
type Person = { aad: string; name: string | null };
const an: Person = { aad: 'aad-an', name: 'an.nguyen' };
const AN: ProfileRead = {
  name: 'Nguyễn Văn An',
  locale: 'vi-VN',
  others: ['an.nguyen'],
  admin: false,
  email: null,
};

let t: TestCore;
let reads: string[];
let answer: () => Promise<ProfileRead | 'failed' | null>;
beforeEach(() => {
  t = openTestCore();
  reads = [];
  answer = async () => AN;
});
afterEach(() => t.close());

const cacheOf = () =>
  profileCache<Person>(t.deps, {
    keyOf: (p) => `test:${p.aad}`,
    identityOf: (p) => teamsIdentity(p.aad),
    nameOf: (p) => p.name ?? p.aad,
    corrects: (person, email) => profileRead(t.deps, person, email),
    read: (p, where) => {
      reads.push(`${p.aad}@${where}`);
      return answer();
    },
  });

describe('profile cache', () => {
  it("a newcomer's first contact waits for their profile: real name, other names, language; one read per burst, none later", async () => {
    const cache = cacheOf();
    const refreshing = cache.refresh(an, 'tenant-1');
    expect(cache.refresh(an, 'tenant-1')).toBe(refreshing);
    expect(await cache.firstContact(an, refreshing)).toEqual({
      identity: teamsIdentity('aad-an'),
      displayName: 'Nguyễn Văn An',
      locale: 'vi',
      otherNames: ['an.nguyen'],
    });
    expect(
      JSON.parse((await t.store.getRecord('profile_cache', 'test:aad-an', t.clock.now())) ?? ''),
    ).toEqual({
      name: 'Nguyễn Văn An',
      locale: 'vi-VN',
      others: ['an.nguyen'],
      admin: false,
      readAt: t.clock.now(),
    });
    await cache.refresh(an, 'tenant-1');
    expect((await cache.actor(an)).known).toBe(true);
    expect(reads).toEqual(['aad-an@tenant-1']);
  });

  it('past the wait: the payload name now, the profile once it is read', async () => {
    let arrive = () => {};
    answer = () => new Promise((resolve) => (arrive = () => resolve(AN)));
    const cache = cacheOf();
    const refreshing = cache.refresh(an, 'tenant-1');
    const first = await cache.firstContact(an, refreshing);
    expect(first).toEqual({ identity: teamsIdentity('aad-an'), displayName: 'an.nguyen' });
    arrive();
    await refreshing;
    expect((await cache.actor(an)).displayName).toBe('Nguyễn Văn An');
  });

  it('a failed read is not asked again for PROFILE_RETRY_AFTER_MS; no installation is not a failure', async () => {
    answer = async () => 'failed';
    const cache = cacheOf();
    await cache.refresh(an, 'tenant-1');
    await cache.refresh(an, 'tenant-1');
    expect(reads).toHaveLength(1);
    t.clock.advance(PROFILE_RETRY_AFTER_MS);
    answer = async () => null;
    await cache.refresh(an, 'tenant-1');
    await cache.refresh(an, 'tenant-1');
    expect(reads).toHaveLength(3);
    expect(await cache.actor(an)).toMatchObject({
      displayName: 'an.nguyen',
      known: false,
      registered: false,
    });
  });

  it('the admin flag is trusted for ADMIN_FRESH_MS, then read again', async () => {
    answer = async () => ({ ...AN, admin: true });
    const cache = cacheOf();
    expect(await cache.isAdmin(an, 'tenant-1')).toBe(true);
    answer = async () => AN;
    t.clock.advance(ADMIN_FRESH_MS - 1);
    expect(await cache.isAdmin(an, 'tenant-1')).toBe(true);
    expect(reads).toHaveLength(1);
    t.clock.advance(1);
    expect(await cache.isAdmin(an, 'tenant-1')).toBe(false);
    expect(reads).toHaveLength(2);
  });
});
