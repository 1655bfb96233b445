import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Account,
  type Actor,
  ensureAccount,
  type Locale,
  requestConnection,
  updateOrganisationPolicy,
} from '../../src/core/index.js';
import { type ClickIntent, type ClickResult, runClick } from '../../src/flows/clicks.js';
import { renderText, type TextFormat } from '../../src/i18n/text.js';
import { openTestCore, type TestCore } from '../helpers/core.js';
import { slackActor, teamsActor } from '../helpers/identities.js';

/**
 * Whose organisation refused (issue 15): the person acting is told "Your organisation does not allow
 * this." only when it is theirs; when the other person's organisation refused, the sentence names
 * that person. For [Add to contacts] (the sender acts) and [Accept] (the recipient acts), on SQLite.
 */
let t: TestCore;
let olivia: Account;
let stan: Account;
const oliviaActor = slackActor('UOWN', 'Olivia <Owner>'); // slack-workspace:T0001
const stanActor = teamsActor('aad-stan', 'Stan Stranger'); // teams-tenant:tenant-1
const OLIVIA_ORG = 'slack-workspace:T0001';
const STAN_ORG = 'teams-tenant:tenant-1';

async function register(actor: Actor): Promise<Account> {
  const made = await ensureAccount(t.deps, actor);
  if (!made.ok) throw new Error(made.error.code);
  return made.value.account;
}

beforeEach(async () => {
  t = openTestCore();
  olivia = await register(oliviaActor);
  stan = await register(stanActor);
});
afterEach(() => t.close());

const mrkdwn: TextFormat = { escape: (s) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;'), code: (s) => s };
const words = (r: ClickResult, locale: Locale = 'en') => {
  const v = r.view;
  if (v.kind === 'said') return renderText(locale, v.text, mrkdwn);
  if (v.kind === 'invite') return v.said ? renderText(locale, v.said, mrkdwn) : '';
  return v.kind;
};
const click = (actor: Actor, intent: ClickIntent) => runClick(t.deps, actor, intent);
const refuse = async (org: string) => {
  const done = await updateOrganisationPolicy(t.deps, org, { requests: 'none' });
  expect(done.ok).toBe(true);
};

describe('an organisation policy refusal says whose organisation refused', () => {
  it('[Add to contacts]: the recipient’s organisation refuses → named; the sender’s own → "Your organisation"', async () => {
    await refuse(OLIVIA_ORG);
    const toOlivia = await click(stanActor, { kind: 'add', ownerId: olivia.id, context: null });
    expect(toOlivia.outcome).toBe('ORG_POLICY_REFUSED');
    expect(words(toOlivia.view)).toBe(
      "Olivia &lt;Owner&gt;'s organisation does not allow connections with yours.",
    );
    expect(words(toOlivia.view, 'ja')).toBe(
      'Olivia &lt;Owner&gt;さんの組織のポリシーにより、あなたの組織とのコンタクトは許可されていません。',
    );
    expect(words(toOlivia.view, 'vi')).toBe(
      'Tổ chức của Olivia &lt;Owner&gt; không cho phép kết nối với tổ chức của bạn.',
    );
    const toStan = await click(oliviaActor, { kind: 'add', ownerId: stan.id, context: null });
    expect(toStan.outcome).toBe('ORG_POLICY_REFUSED');
    expect(words(toStan.view)).toBe('Your organisation does not allow this.');
    expect(await t.store.relationship(stan.id, olivia.id)).toMatchObject({ outgoing: null, incoming: null });
  });

  it('[Accept]: the sender’s organisation refuses → named; the recipient’s own → "Your organisation"', async () => {
    const sent = await requestConnection(t.deps, {
      actor: stanActor,
      target: { kind: 'account', accountId: olivia.id },
      source: 'handle',
    });
    if (!sent.ok) throw new Error(sent.error.code);
    const requestId = sent.value.outcome.request.id;
    await refuse(STAN_ORG);
    const theirs = await click(oliviaActor, { kind: 'accept', requestId, on: 'card' });
    expect(theirs.outcome).toBe('ORG_POLICY_REFUSED');
    expect(words(theirs.view)).toBe("Stan Stranger's organisation does not allow connections with yours.");
    await updateOrganisationPolicy(t.deps, STAN_ORG, { requests: 'all' });
    await refuse(OLIVIA_ORG);
    const own = await click(oliviaActor, { kind: 'accept', requestId, on: 'list' });
    expect(own.outcome).toBe('ORG_POLICY_REFUSED');
    expect(words(own.view)).toBe('Your organisation does not allow this.');
    expect((await t.store.getRequest(requestId))?.state).toBe('pending');
  });
});
