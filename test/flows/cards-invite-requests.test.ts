import { describe, expect, it } from 'vitest';
import type { Account, ConnectionRequest, Locale } from '../../src/core/index.js';
import type { ButtonAction, CardBlock, CardButton, CardDoc } from '../../src/flows/card.js';
import { commandDoc } from '../../src/flows/cards/commands.js';
import { idDoc, inviteDoc, linkDoc, unfurlDoc } from '../../src/flows/cards/invite.js';
import { noticeDoc, saidDoc } from '../../src/flows/cards/notices.js';
import { acceptedDoc, requestDoc, settledDoc } from '../../src/flows/cards/requests.js';
import { renderText } from '../../src/i18n/text.js';

/**
 * The invite card, a request's cards and the command answers of `src/flows/cards/`, without any
 * platform: what they say (en, ja, vi) and which actions their buttons carry.
 */
const account = (id: string, displayName: string, handle: string): Account => ({
  id,
  handle,
  displayName,
  locale: 'en',
  searchable: true,
  identities: [{ platform: 'slack', teamId: 'T1', userId: id }],
  createdAt: 0,
});
const ann = account('acc_ann', 'Ann Lee', 'ann-lee');
const bob = account('acc_bob', 'Bob Tran', 'bob-tran');
const LINK = 'https://invite.example.com/ann-lee';
const request: ConnectionRequest = {
  id: 'req_1',
  senderId: bob.id,
  recipientId: ann.id,
  state: 'pending',
  note: 'met at <the> meetup',
  source: 'link',
  context: '#general · acme',
  createdAt: 0,
  expiresAt: 10_000,
  decidedAt: null,
  remindedAt: null,
};

function words(doc: CardDoc, locale: Locale = 'en'): string[] {
  const of = (b: CardBlock): string[] =>
    b.kind === 'text' || b.kind === 'context' || b.kind === 'heading'
      ? [renderText(locale, b.text)]
      : b.kind === 'fact'
        ? [`${renderText(locale, b.label)}: ${b.value}`]
        : b.kind === 'note'
          ? [b.note]
          : b.kind === 'link'
            ? [b.url]
            : b.kind === 'item'
              ? b.blocks.flatMap(of)
              : [];
  return [...(doc.title ? [renderText(locale, doc.title)] : []), ...doc.blocks.flatMap(of)];
}
const buttons = (doc: CardDoc): CardButton[] => doc.buttons ?? [];
const labels = (doc: CardDoc, locale: Locale = 'en') => buttons(doc).map((b) => renderText(locale, b.label));
const actions = (doc: CardDoc): ButtonAction[] =>
  buttons(doc).flatMap((b) => (b.kind === 'action' ? [b.action] : []));

describe('flows/cards: the invite card', () => {
  it('as posted: who invites, their Chatwork ID and link, [Add to contacts] and "Add with a note", refreshed per viewer', () => {
    const doc = inviteDoc({ owner: ann, link: LINK, state: null });
    expect(words(doc)).toEqual([
      "Ann Lee's invite link",
      'Ann Lee invites you to connect.',
      'Chatwork ID: ann-lee',
      LINK,
    ]);
    expect(actions(doc)).toEqual([
      { kind: 'add', ownerId: ann.id, context: null },
      { kind: 'add_note', ownerId: ann.id },
    ]);
    expect(labels(doc)).toEqual(['Add to contacts', 'Add with a note', 'Open link']);
    expect(doc.refresh).toEqual({ kind: 'view_invite', ownerId: ann.id });
    expect(words(doc, 'ja')[1]).toBe('Ann Leeさんからコンタクトの招待が届いています。');
    expect(words(doc, 'vi')[1]).toBe('Ann Lee mời bạn kết nối.');
  });

  it('per viewer: own, contact, requested (no Add), a first-time viewer gets Register and connect', () => {
    const seen = (state: 'own' | 'contact' | 'requested' | 'anonymous' | 'stranger') =>
      inviteDoc({ owner: ann, link: LINK, state });
    expect(words(seen('own'))).toContain('This is your invite link.');
    expect(actions(seen('own'))).toEqual([]);
    expect(actions(seen('contact'))).toEqual([]);
    expect(actions(seen('requested'))).toEqual([]);
    expect(labels(seen('anonymous'))[0]).toBe('Register and connect');
    expect(actions(seen('stranger')).map((a) => a.kind)).toEqual(['add', 'add_note']);
    const noticed = inviteDoc({
      owner: ann,
      link: LINK,
      state: 'requested',
      notice: { text: { key: 'viewer.sent', params: { name: 'Ann Lee' } }, tone: 'good' },
    });
    expect(noticed.blocks.at(-1)).toEqual({
      kind: 'text',
      text: { key: 'viewer.sent', params: { name: 'Ann Lee' } },
      tone: 'good',
    });
  });

  it("a linked owner's card also opens their real chatwork.com page; the unfurl opens the invite page", () => {
    const doc = inviteDoc({
      owner: ann,
      link: LINK,
      state: null,
      chatworkUrl: 'https://www.chatwork.com/ann',
    });
    expect(buttons(doc).at(-1)).toEqual({
      kind: 'url',
      label: { key: 'chatwork.card.open' },
      url: 'https://www.chatwork.com/ann',
    });
    const unfurl = unfurlDoc({ owner: ann, link: LINK });
    expect(actions(unfurl)).toEqual([]);
    expect(buttons(unfurl)).toEqual([{ kind: 'url', label: { key: 'term.add_to_contacts' }, url: LINK }]);
  });
});

describe('flows/cards: a request, its reminder, settled, accepted', () => {
  it('the recipient: who asks, their ID, the note, where from; Accept, Decline, Block aside, the profile link', () => {
    const doc = requestDoc(request, bob, 'https://invite.example.com/bob-tran');
    expect(words(doc)).toEqual([
      'Contact request',
      'Bob Tran wants to connect with you.',
      'Chatwork ID: bob-tran',
      'met at <the> meetup',
      'From: #general · acme',
    ]);
    expect(actions(doc)).toEqual([
      { kind: 'accept', requestId: 'req_1', on: 'card' },
      { kind: 'decline', requestId: 'req_1', on: 'card' },
      { kind: 'block', requestId: 'req_1', on: 'card' },
    ]);
    expect(buttons(doc).map((b) => b.kind === 'action' && b.secondary === true)).toEqual([
      false,
      false,
      true,
      false,
    ]);
    expect(words(requestDoc(request, bob, null, true))[1]).toBe(
      'Reminder: Bob Tran is still waiting for your answer.',
    );
    expect(words(requestDoc(request, bob, null), 'ja')[1]).toBe(
      'Bob Tranさんからコンタクト申請が届いています。',
    );
  });

  it('settled: the final state in words, what the click did, no buttons', () => {
    const doc = settledDoc({
      request,
      other: bob,
      state: 'accepted',
      said: { key: 'outcome.unblocked', params: { name: 'x' } },
    });
    expect(words(doc).slice(0, 2)).toEqual(['Contact request', 'Request from Bob Tran: Accepted']);
    expect(doc.blocks[0]).toMatchObject({ tone: 'good' });
    expect(buttons(doc)).toEqual([]);
    expect(words(settledDoc({ request, other: null, state: 'expired' }), 'vi')[1]).toBe(
      'Yêu cầu từ ?: Đã hết hạn',
    );
  });

  it('accepted: the sender is told, with the other’s page; notices map each outbox view to its card', () => {
    expect(words(acceptedDoc(ann, LINK))[1]).toBe(
      'Ann Lee accepted your contact request. You are now contacts.',
    );
    expect(noticeDoc({ kind: 'accepted', request, other: ann, otherLink: LINK })).toEqual(
      acceptedDoc(ann, LINK),
    );
    expect(noticeDoc({ kind: 'request', request, sender: bob, senderLink: LINK, reminder: true })).toEqual(
      requestDoc(request, bob, LINK, true),
    );
    expect(noticeDoc({ kind: 'settled', request, sender: bob, state: 'withdrawn' })).toEqual(
      settledDoc({ request, other: bob, state: 'withdrawn' }),
    );
    expect(noticeDoc({ kind: 'skip' })).toBeNull();
    expect(saidDoc({ key: 'viewer.own' }, 'attention').blocks).toEqual([
      { kind: 'text', text: { key: 'viewer.own' }, tone: 'attention' },
    ]);
  });
});

describe('flows/cards: command answers', () => {
  it('link (with its QR code on https), id, web, and web refused where others would see it', () => {
    expect(linkDoc(LINK).blocks.map((b) => b.kind)).toEqual(['text', 'link', 'image']);
    expect(linkDoc('http://localhost:3000/ann').blocks.map((b) => b.kind)).toEqual(['text', 'link']);
    expect(words(idDoc('ann-lee', LINK))[1]).toBe(
      `Your Chatwork ID is ann-lee. Change it with id set <ID>. Your invite link: ${LINK}`,
    );
    const web = commandDoc(
      { kind: 'signin', url: 'https://invite.example.com/signin?token=t' },
      { publicUrl: LINK },
      0,
    );
    expect(buttons(web)).toEqual([
      {
        kind: 'url',
        label: { key: 'card.web.button' },
        url: 'https://invite.example.com/signin?token=t',
        style: 'primary',
      },
    ]);
    expect(words(commandDoc({ kind: 'signin_private_only' }, { publicUrl: LINK }, 0))).toEqual([
      'For your security, type "web" in your personal chat with me.',
    ]);
    const invite = commandDoc({ kind: 'invite_card', account: ann, link: LINK }, { publicUrl: LINK }, 0);
    expect(invite).toEqual(inviteDoc({ owner: ann, link: LINK, state: null }));
  });
});
