import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/errors.js';
import { err, ok } from '../../src/core/result.js';
import {
  changeHandle,
  ensureAccount,
  findPeople,
  publicProfile,
  resolveTarget,
  setSearchable,
} from '../../src/core/usecases/accounts.js';
import { guardStore } from '../../src/core/usecases/deps.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

const DAY = 86_400_000;
let t: TestCore;
beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const an = slackActor('U_AN', 'Nguyễn Văn An', { locale: 'vi' });

describe('ensureAccount', () => {
  it('registers a newcomer with a readable handle and a link, once', async () => {
    const first = await ensureAccount(t.deps, an);
    expect(first.ok && first.value).toMatchObject({
      created: true,
      link: 'https://invite.example.com/nguyen-van-an',
      account: { handle: 'nguyen-van-an', displayName: 'Nguyễn Văn An', locale: 'vi', searchable: true },
    });
    const again = await ensureAccount(t.deps, an);
    expect(again.ok && again.value.created).toBe(false);
    expect(again.ok && again.value.account.id).toBe(first.ok && first.value.account.id);
  });

  it('folds the handle from another name when the display name has no usable letters', async () => {
    const taro = { ...slackActor('U_TARO', '山田 太郎', { locale: 'ja' }), otherNames: ['taro.yamada'] };
    const me = await ensureAccount(t.deps, taro);
    expect(me.ok && me.value.account).toMatchObject({ handle: 'taro-yamada', displayName: '山田 太郎' });
  });

  it('gives a namesake a suffixed handle, and a kanji-only name a random one', async () => {
    await ensureAccount(t.deps, an);
    const namesake = await ensureAccount(t.deps, slackActor('U_AN2', 'Nguyen Van An'));
    expect(namesake.ok && namesake.value.account.handle).toMatch(/^nguyen-van-an-[a-z2-9]{3}$/);
    const yamada = await ensureAccount(t.deps, slackActor('U_Y', '山田太郎'));
    expect(yamada.ok && yamada.value.account.handle).toMatch(/^user-[a-z2-9]{8}$/);
  });

  it('keeps the profile in step with the platform: name and locale, sanitized; a blank name changes nothing', async () => {
    await ensureAccount(t.deps, an);
    const renamed = await ensureAccount(t.deps, slackActor('U_AN', ' An\u202E  Nguyễn ', { locale: 'ja' }));
    expect(renamed.ok && renamed.value.account).toMatchObject({
      displayName: 'An Nguyễn',
      locale: 'ja',
      handle: 'nguyen-van-an',
    });
    const blank = await ensureAccount(t.deps, slackActor('U_AN', '   '));
    expect(blank.ok && blank.value.account).toMatchObject({ displayName: 'An Nguyễn', locale: 'ja' });
  });

  it('turns an unreachable store into STORE_UNAVAILABLE', async () => {
    await t.store.close();
    expect(await ensureAccount(t.deps, an)).toEqual({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
  });
});

describe('guardStore', () => {
  it('maps StoreUnavailableError to a value and passes results through', async () => {
    expect(await guardStore(async () => ok(1))).toEqual({ ok: true, value: 1 });
    expect(await guardStore(async () => err({ code: 'X' }))).toEqual({ ok: false, error: { code: 'X' } });
    const down = await guardStore(async () => {
      throw new StoreUnavailableError('down');
    });
    expect(down).toEqual({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
  });

  it('lets bugs through as exceptions', async () => {
    await expect(guardStore(async () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('changeHandle', () => {
  it.each([
    ['ab', 'HANDLE_INVALID'],
    ['has space', 'HANDLE_INVALID'],
    ['Admin', 'HANDLE_RESERVED'],
  ])('refuses %j with %s before touching the store', async (requested, code) => {
    const res = await changeHandle(t.deps, an, requested);
    expect(res.ok === false && res.error.code).toBe(code);
    expect(await t.store.getAccountByIdentity(an.identity)).toBeNull();
  });

  it('changes it, keeps the old link working as an alias for 30 days', async () => {
    await ensureAccount(t.deps, an);
    const res = await changeHandle(t.deps, an, '  An_Nguyen ');
    expect(res.ok && res.value).toMatchObject({
      previous: 'nguyen-van-an',
      link: 'https://invite.example.com/An_Nguyen',
      account: { handle: 'An_Nguyen' },
    });
    const old = await resolveTarget(t.deps, 'https://INVITE.example.com/Nguyen-Van-An/');
    expect(old.ok && old.value).toMatchObject({ via: 'alias', account: { handle: 'An_Nguyen' } });
    const page = await publicProfile(t.deps, 'nguyen-van-an');
    expect(page.ok && page.value).toMatchObject({
      via: 'alias',
      link: 'https://invite.example.com/An_Nguyen',
    });
    t.clock.advance(30 * DAY);
    expect(await publicProfile(t.deps, 'nguyen-van-an')).toEqual({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('HANDLE_TAKEN for someone else’s handle; registers the actor on the way', async () => {
    await ensureAccount(t.deps, an);
    const res = await changeHandle(t.deps, slackActor('U_B', 'Bình'), 'NGUYEN-VAN-AN');
    expect(res).toEqual({ ok: false, error: { code: 'HANDLE_TAKEN' } });
    expect(await t.store.getAccountByIdentity(slackActor('U_B', 'x').identity)).not.toBeNull();
  });
});

describe('resolveTarget and publicProfile', () => {
  it('refuses foreign links and unknown handles', async () => {
    await ensureAccount(t.deps, an);
    expect(await resolveTarget(t.deps, 'https://evil.example.net/nguyen-van-an')).toEqual({
      ok: false,
      error: { code: 'LINK_FOREIGN_HOST', host: 'evil.example.net' },
    });
    expect(await resolveTarget(t.deps, '@nobody-here')).toEqual({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await publicProfile(t.deps, 'bad handle!')).toEqual({ ok: false, error: { code: 'NOT_FOUND' } });
    const found = await resolveTarget(t.deps, '@NGUYEN-VAN-AN');
    expect(found.ok && found.value.via).toBe('handle');
  });
});

describe('findPeople and setSearchable', () => {
  it('finds people in my workspace by name or handle, never me, and honours the opt-out', async () => {
    const me = slackActor('U_ME', 'Anna Me', { teamId: 'T1' });
    const bob = slackActor('U_BOB', 'Bob Annan', { teamId: 'T1' });
    const far = slackActor('U_FAR', 'Anna Far', { teamId: 'T2' });
    const teams = teamsActor('aad-anna', 'Anna Teams');
    for (const a of [me, bob, far, teams]) await ensureAccount(t.deps, a);
    const found = await findPeople(t.deps, me, ' anna ');
    expect(found.ok && found.value.map((a) => a.displayName)).toEqual(['Bob Annan']);
    expect(await findPeople(t.deps, me, '   ')).toEqual({ ok: true, value: [] });
    const hidden = await setSearchable(t.deps, bob, false);
    expect(hidden.ok && hidden.value.account.searchable).toBe(false);
    expect(await findPeople(t.deps, me, 'anna')).toEqual({ ok: true, value: [] });
    const tenant = await findPeople(t.deps, teamsActor('aad-other', 'Other'), 'anna');
    expect(tenant.ok && tenant.value.map((a) => a.displayName)).toEqual(['Anna Teams']);
  });

  it('respects the limit', async () => {
    const me = slackActor('U_ME', 'Me Myself');
    for (let i = 0; i < 5; i++) await ensureAccount(t.deps, slackActor(`U_${i}`, `Tran ${i}`));
    const found = await findPeople(t.deps, me, 'tran', 3);
    expect(found.ok && found.value).toHaveLength(3);
  });
});
