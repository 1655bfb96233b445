import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAccount, requestConnection } from '../../src/core/index.js';
import type { CardDoc } from '../../src/flows/card.js';
import { myRequestsDoc } from '../../src/flows/lists.js';
import { renderText } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';
import { englishTexts } from './support.js';

/** `myRequestsDoc` (`src/flows/lists.ts`) without a platform, on a real SQLite store. */
let t: TestCore;
const ann = teamsActor('aad-ann', 'Ann Lee');
const bob = slackActor('UBOB', 'Bob Baker');

beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const texts = englishTexts;
const accepts = (doc: CardDoc | null) =>
  (doc?.blocks ?? [])
    .flatMap((b) => (b.kind === 'item' ? b.buttons : []))
    .flatMap((b) => (b.kind === 'action' && b.action.kind === 'accept' ? [b.action.requestId] : []));

describe('flows/lists myRequestsDoc', () => {
  it('nothing incoming: a card of the lists, or null when only incoming requests are wanted', async () => {
    await ensureAccount(t.deps, ann);
    expect(await myRequestsDoc(t.deps, ann)).not.toBeNull();
    expect(await myRequestsDoc(t.deps, ann, undefined, true)).toBeNull();
  });

  it('an incoming request: its Accept button, under the lead line', async () => {
    const me = await ensureAccount(t.deps, ann);
    if (!me.ok) throw new Error('no account');
    const sent = await requestConnection(t.deps, {
      actor: bob,
      target: { kind: 'account', accountId: me.value.account.id },
      source: 'link',
    });
    if (!sent.ok) throw new Error(sent.error.code);
    const doc = await myRequestsDoc(t.deps, ann, { key: 'teams.missed' }, true);
    expect(texts(doc)[0]).toBe(renderText('en', { key: 'teams.missed' }));
    expect(accepts(doc)).toEqual([sent.value.outcome.request.id]);
  });
});
