import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { UNFURL_CARD_VERSION } from '../../../src/bots/teams/card-kit.js';
import { noticeCard, renderCard } from '../../../src/bots/teams/render-document.js';
import type { Card } from '../../../src/bots/teams/transport.js';
import { type Account, type ConnectionRequest, LOCALES, REQUEST_STATES } from '../../../src/core/index.js';
import { commandDoc } from '../../../src/flows/cards/commands.js';
import { helpDoc, welcomeDoc } from '../../../src/flows/cards/help.js';
import { idDoc, inviteDoc, linkDoc, unfurlDoc } from '../../../src/flows/cards/invite.js';
import { contactsDoc, foundDoc, requestsDoc } from '../../../src/flows/cards/lists.js';
import { acceptedDoc, requestDoc, settledDoc } from '../../../src/flows/cards/requests.js';
import { PAGE } from '../../../src/flows/lists.js';

/** The official Adaptive Cards library (UMD bundle: its ESM build does not load on Node 20). */
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js');

const EVIL = '**Bold** [x](https://evil.example) <at>x</at> _i_ &amp; {name}\n# h';
const LINK = 'https://invite.example.com/ann-lee';

const account = (id: string, name: string, handle: string): Account => ({
  id,
  handle,
  displayName: name,
  locale: 'en',
  searchable: true,
  identities: [{ platform: 'teams', tenantId: 't', aadObjectId: id }],
  createdAt: 0,
});
const owner = account('acc_1', EVIL, 'ann-lee');
const other = account('acc_2', `${EVIL} 2`, 'bob-tran');
const request: ConnectionRequest = {
  id: 'req_1',
  senderId: other.id,
  recipientId: owner.id,
  state: 'pending',
  note: `${EVIL} ${'n'.repeat(250)}`,
  source: 'link',
  context: EVIL,
  createdAt: 0,
  expiresAt: 10 ** 12,
  decidedAt: null,
  remindedAt: null,
};

const inviteCard = (l: (typeof LOCALES)[number], o: Account, link: string) =>
  renderCard(l, inviteDoc({ owner: o, link, state: null }));
const requestCard = (l: (typeof LOCALES)[number]) => renderCard(l, requestDoc(request, other, null));
const unfurlCard = (l: (typeof LOCALES)[number]) =>
  renderCard(l, unfurlDoc({ owner, link: LINK }), { version: UNFURL_CARD_VERSION });
const page = <T>(items: T[]) => ({ items, nextCursor: 'next' });

/** Every card the Teams bot draws, from the flow's documents (`src/flows/cards/`), in every language. */
function everyCard(): Array<[string, Card]> {
  const cards: Array<[string, Card]> = [];
  for (const l of LOCALES) {
    const card = (name: string, doc: Parameters<typeof renderCard>[1]) =>
      cards.push([`${l} ${name}`, renderCard(l, doc)]);
    for (const state of [null, 'anonymous', 'own', 'contact', 'requested', 'stranger'] as const)
      card(
        `invite ${state}`,
        inviteDoc({
          owner,
          link: LINK,
          state,
          notice: { text: { key: 'viewer.sent', params: { name: EVIL } }, tone: 'good' },
          chatworkUrl: 'https://www.chatwork.com/ann',
        }),
      );
    card('link', linkDoc(LINK));
    card('request', requestDoc(request, other, LINK));
    card('reminder', requestDoc(request, other, null, true));
    for (const s of REQUEST_STATES)
      card(
        `resolved ${s}`,
        settledDoc({ request, other, state: s, said: { key: 'viewer.sent', params: { name: EVIL } } }),
      );
    card('accepted', acceptedDoc(other, LINK));
    cards.push([`${l} notice`, noticeCard(EVIL, 'attention')]);
    card('id', idDoc('ann-lee', LINK));
    card(
      'web',
      commandDoc(
        { kind: 'signin', url: 'https://invite.example.com/signin?token=abc' },
        { publicUrl: LINK },
        0,
      ),
    );
    card('help', helpDoc({ key: 'viewer.sent', params: { name: EVIL } }));
    card('welcome', welcomeDoc(EVIL));
    cards.push([`${l} unfurl`, unfurlCard(l)]);
    const many = Array.from({ length: 30 }, (_, i) => ({ request: { ...request, id: `req_${i}` }, other }));
    const lead = { key: 'viewer.sent', params: { name: EVIL } } as const;
    const [incoming, outgoing] = [page(many.slice(0, PAGE.incoming)), page(many.slice(0, PAGE.outgoing))];
    card('requests', requestsDoc({ incoming, outgoing, lead }, 0));
    card('requests empty', requestsDoc({ incoming: page([]), outgoing: page([]) }, 0));
    const contacts = Array.from({ length: 30 }, () => ({ account: other, since: 0 }));
    card(
      'contacts',
      contactsDoc(page(contacts.slice(0, PAGE.contacts)), { publicUrl: 'https://invite.example.com' }),
    );
    card(
      'find',
      foundDoc(
        EVIL,
        Array.from({ length: 30 }, () => other),
      ),
    );
    card('find none', foundDoc(EVIL, []));
  }
  return cards;
}

function problems(json: Card, targetVersion?: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  if (targetVersion) context.targetVersion = targetVersion;
  card.parse(json, context);
  const out: string[] = [];
  for (let i = 0; i < context.eventCount; i++) out.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) out.push(e.message);
  return out;
}

function texts(node: unknown, type: string): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => texts(n, type));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === type && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap((v) => texts(v, type))];
}

describe('every Teams card, checked by the adaptivecards library', () => {
  const cards = everyCard();

  it.each(cards)('%s parses and validates with no errors', (_name, card) => {
    expect(problems(card)).toEqual([]);
  });

  it.each(cards)('%s stays under 28 KB', (_name, card) => {
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('the checker is not vacuous: it reports unknown elements and a 1.5 feature in a 1.3 card', () => {
    expect(problems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Foo' }] })).not.toEqual([]);
    expect(problems(inviteCard('en', owner, LINK), AC.Versions.v1_3)).not.toEqual([]);
  });

  it('Universal Actions cards are version 1.5; the unfurl card is 1.3 and valid as 1.3', () => {
    expect(inviteCard('en', owner, LINK).version).toBe('1.5');
    const unfurl = unfurlCard('en');
    expect(unfurl.version).toBe('1.3');
    expect(problems(unfurl, AC.Versions.v1_3)).toEqual([]);
  });

  it('reads back the Action.Execute verbs through the library', () => {
    const card = new AC.AdaptiveCard();
    card.parse(requestCard('en'), new AC.SerializationContext());
    const verbs = [0, 1, 2].map((i) => card.getActionAt(i).verb);
    expect(verbs).toEqual(['accept', 'decline', 'block']);
    expect(card.getActionAt(0).data).toEqual({ v: 1, requestId: 'req_1' });
  });

  it('user strings only ever appear in text runs, which Markdown never touches', () => {
    for (const [, card] of cards) {
      const json = JSON.stringify(card);
      expect(texts(card, 'TextBlock')).toEqual([]);
      if (json.includes('evil.example'))
        expect(texts(card, 'TextRun').join('\n')).toContain('[x](https://evil.example)');
      expect(json).not.toMatch(/"url":"https:\/\/evil/);
    }
  });
});
