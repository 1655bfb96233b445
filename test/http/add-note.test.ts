import { afterEach, beforeEach, expect, it } from 'vitest';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { csrfOf, register, signIn, type WebTest, webServer } from './support.js';

/** The web invite page's [Add to contacts] takes an optional note (at most 300 characters), like chat. */
let t: WebTest;
const alice = slackActor('U_ALICE', 'Alice Owner');
const bob = teamsActor('aad-bob', 'Bob Viewer');
beforeEach(async () => {
  t = await webServer();
});
afterEach(async () => t.close());

async function strangerPage() {
  const owner = await register(t, alice);
  const cookie = await signIn(t, bob);
  const page = await t.app.inject({ url: `/${owner.handle}`, headers: { cookie } });
  return { owner, cookie, page };
}
const outgoing = async (ownerId: string) => {
  const me = await t.store.getAccountByIdentity(bob.identity);
  return (await t.store.relationship(me?.id ?? '', ownerId)).outgoing;
};

it('the form has an optional note field of at most 300 characters; the note is stored with the request', async () => {
  const { owner, cookie, page } = await strangerPage();
  expect(page.body).toContain('<textarea id="note" name="note" rows="3" maxlength="300"></textarea>');
  expect(page.body).toContain('Note (optional, up to 300 characters)');
  const note = '<script>alert(1)</script> & see you';
  const res = await t.app.inject({
    method: 'POST',
    url: `/${owner.handle}/add`,
    headers: { cookie },
    payload: { csrf: csrfOf(page.body), note },
  });
  expect(res.statusCode).toBe(303);
  expect(await outgoing(owner.id)).toMatchObject({ note, source: 'link', state: 'pending' });
  // The page never echoes it back as markup.
  const after = await t.app.inject({ url: String(res.headers.location), headers: { cookie } });
  expect(after.body).not.toContain('<script>alert(1)</script>');
});

it('no note is no note; a note over 300 characters is refused in words and sends nothing; CSRF is still required', async () => {
  const { owner, cookie, page } = await strangerPage();
  const csrf = csrfOf(page.body);
  const long = await t.app.inject({
    method: 'POST',
    url: `/${owner.handle}/add`,
    headers: { cookie },
    payload: { csrf, note: 'x'.repeat(301) },
  });
  expect(long.statusCode).toBe(409);
  expect(long.body).toContain('300');
  expect(await outgoing(owner.id)).toBeNull();
  const forged = await t.app.inject({
    method: 'POST',
    url: `/${owner.handle}/add`,
    headers: { cookie },
    payload: { csrf: 'forged', note: 'hi' },
  });
  expect(forged.statusCode).toBe(403);
  expect(await outgoing(owner.id)).toBeNull();
  const empty = await t.app.inject({
    method: 'POST',
    url: `/${owner.handle}/add`,
    headers: { cookie },
    payload: { csrf, note: '   ' },
  });
  expect(empty.statusCode).toBe(303);
  expect((await outgoing(owner.id))?.note).toBeNull();
});
