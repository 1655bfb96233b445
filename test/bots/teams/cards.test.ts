import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  acceptedCard,
  helpCard,
  idCard,
  inviteCard,
  linkCard,
  noticeCard,
  requestCard,
  resolvedCard,
  sharePreviewCard,
  unfurlCard,
  webCard,
  welcomeCard,
} from '../../../src/bots/teams/cards.js';
import { contactsCard, findCard, requestsCard } from '../../../src/bots/teams/cards-lists.js';
import type { Card } from '../../../src/bots/teams/transport.js';
import { type Account, type ConnectionRequest, LOCALES, REQUEST_STATES } from '../../../src/core/index.js';

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

function everyCard(): Array<[string, Card]> {
  const cards: Array<[string, Card]> = [];
  for (const l of LOCALES) {
    for (const state of [null, 'anonymous', 'own', 'contact', 'requested', 'stranger'] as const)
      cards.push([
        `${l} invite ${state}`,
        inviteCard(l, owner, LINK, {
          state,
          notice: { text: { key: 'viewer.sent', params: { name: EVIL } }, tone: 'good' },
        }),
      ]);
    cards.push([`${l} link`, linkCard(l, LINK)]);
    cards.push([`${l} request`, requestCard(l, request, other, { profileLink: LINK })]);
    cards.push([`${l} reminder`, requestCard(l, request, other, { reminder: true })]);
    for (const s of REQUEST_STATES) cards.push([`${l} resolved ${s}`, resolvedCard(l, request, other, s)]);
    cards.push([`${l} accepted`, acceptedCard(l, other, LINK)]);
    cards.push([`${l} notice`, noticeCard(EVIL, 'attention')]);
    cards.push([`${l} id`, idCard(l, 'ann-lee', LINK)]);
    cards.push([`${l} web`, webCard(l, 'https://invite.example.com/signin?token=abc')]);
    cards.push([`${l} help`, helpCard(l, EVIL)]);
    cards.push([`${l} welcome`, welcomeCard(l, EVIL)]);
    cards.push([`${l} unfurl`, unfurlCard(l, owner, LINK)]);
    cards.push([`${l} share`, sharePreviewCard(l, inviteCard(l, owner, LINK))]);
    const many = Array.from({ length: 30 }, (_, i) => ({ request: { ...request, id: `req_${i}` }, other }));
    cards.push([`${l} requests`, requestsCard(l, owner.id, many, many, 0, EVIL)]);
    cards.push([`${l} requests empty`, requestsCard(l, owner.id, [], [], 0)]);
    const contacts = Array.from({ length: 30 }, () => ({ account: other, since: 0 }));
    cards.push([`${l} contacts`, contactsCard(l, 'https://invite.example.com', contacts)]);
    cards.push([
      `${l} find`,
      findCard(
        l,
        EVIL,
        Array.from({ length: 30 }, () => other),
      ),
    ]);
    cards.push([`${l} find none`, findCard(l, EVIL, [])]);
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
    const unfurl = unfurlCard('en', owner, LINK);
    expect(unfurl.version).toBe('1.3');
    expect(problems(unfurl, AC.Versions.v1_3)).toEqual([]);
  });

  it('reads back the Action.Execute verbs through the library', () => {
    const card = new AC.AdaptiveCard();
    card.parse(requestCard('en', request, other), new AC.SerializationContext());
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
