import { describe, expect, it } from 'vitest';
import type { Account, ConnectionRequest, Locale, Page, RequestWithPeople } from '../../src/core/index.js';
import type { CardBlock, CardButton, CardDoc } from '../../src/flows/card.js';
import {
  chatworkConnectDoc,
  chatworkRequestDoc,
  chatworkSettledDoc,
} from '../../src/flows/cards/chatwork.js';
import { helpDoc, welcomeDoc } from '../../src/flows/cards/help.js';
import { homeDoc } from '../../src/flows/cards/home.js';
import { contactsDoc, foundDoc, requestsDoc } from '../../src/flows/cards/lists.js';
import { acceptAllConfirmDoc, blockedDoc } from '../../src/flows/cards/people.js';
import { privacyDoc } from '../../src/flows/cards/privacy.js';
import { renderText } from '../../src/i18n/text.js';

/**
 * The neutral cards of `src/flows/cards/` (lists, people, privacy, Chatwork, help, App Home) without any
 * platform: which lines they say (in words, en/ja/vi) and which actions their buttons carry.
 */
const account = (id: string, displayName: string, handle: string, searchable = true): Account => ({
  id,
  handle,
  displayName,
  locale: 'en',
  searchable,
  identities: [{ platform: 'teams', tenantId: 't', aadObjectId: id }],
  createdAt: 0,
});
const ann = account('acc_ann', 'Ann Lee', 'ann-lee');
const bob = account('acc_bob', 'Bob Tran', 'bob-tran');
const dan = account('acc_dan', 'Dan Never', '');
const request = (id: string, state: ConnectionRequest['state'] = 'pending'): ConnectionRequest => ({
  id,
  senderId: ann.id,
  recipientId: bob.id,
  state,
  note: 'see you <b>',
  source: 'link',
  context: '#general · acme',
  createdAt: 0,
  expiresAt: 10_000,
  decidedAt: null,
  remindedAt: null,
});
const page = <T>(items: T[], nextCursor: string | null = null): Page<T> => ({ items, nextCursor });

/** Every line a card says, in words, and every button with what it carries. */
function words(doc: CardDoc, locale: Locale = 'en'): string[] {
  const of = (b: CardBlock): string[] => {
    switch (b.kind) {
      case 'text':
      case 'context':
      case 'heading':
        return [renderText(locale, b.text)];
      case 'item':
        return [...b.blocks.flatMap(of), ...b.buttons.map((x) => renderText(locale, x.label))];
      case 'buttons':
        return b.buttons.map((x) => renderText(locale, x.label));
      case 'fact':
        return [`${renderText(locale, b.label)}: ${b.value}`];
      case 'note':
        return [b.note];
      case 'link':
        return [b.url];
      default:
        return [];
    }
  };
  return [
    ...(doc.title ? [renderText(locale, doc.title)] : []),
    ...doc.blocks.flatMap(of),
    ...(doc.buttons ?? []).map((x) => renderText(locale, x.label)),
  ];
}
function buttons(doc: CardDoc): CardButton[] {
  const of = (b: CardBlock): CardButton[] =>
    b.kind === 'item' ? [...b.blocks.flatMap(of), ...b.buttons] : b.kind === 'buttons' ? b.buttons : [];
  return [...doc.blocks.flatMap(of), ...(doc.buttons ?? [])];
}
const actions = (doc: CardDoc) => buttons(doc).flatMap((b) => (b.kind === 'action' ? [b.action] : []));

describe('flows/cards: the lists', () => {
  const incoming: RequestWithPeople[] = Array.from({ length: 10 }, (_, i) => ({
    request: request(`req_${i}`),
    other: ann,
  }));

  it('requests: Accept / Decline / Block (in the overflow) per request, "Accept all (10+)" and [Show more]', () => {
    const doc = requestsDoc({ incoming: page(incoming, 'c2'), outgoing: page([]) }, 0);
    const said = words(doc);
    expect(said).toContain('Ann Lee (Chatwork ID: ann-lee)');
    expect(said).toContain('From: #general · acme');
    expect(said).toContain('see you <b>');
    expect(said).toContain('Accept all (10+)');
    expect(said).toContain('No sent requests.');
    const acts = actions(doc);
    expect(acts.filter((a) => a.kind === 'accept')).toHaveLength(10);
    expect(acts).toContainEqual({ kind: 'block', requestId: 'req_0', on: 'list' });
    expect(acts).toContainEqual({ kind: 'page', list: 'incoming', cursor: 'c2' });
    expect(acts).toContainEqual({ kind: 'accept_all_ask' });
    expect(buttons(doc).find((b) => b.kind === 'action' && b.action.kind === 'block')).toMatchObject({
      secondary: true,
    });
  });

  it('requests: one incoming shows no "Accept all"; none says so; a next page shows only its own list', () => {
    expect(
      actions(requestsDoc({ incoming: page(incoming.slice(0, 1)), outgoing: null }, 0)),
    ).not.toContainEqual({
      kind: 'accept_all_ask',
    });
    expect(words(requestsDoc({ incoming: page([]), outgoing: null }, 0))).toContain('No incoming requests.');
    const next = words(
      requestsDoc({ incoming: null, outgoing: page([{ request: request('r'), other: bob }]) }, 0),
    );
    expect(next).not.toContain('Incoming Requests');
    expect(next).toContain('Request to Bob Tran (Chatwork ID: bob-tran): Pending');
  });

  it('sent requests: Withdraw while pending; expired by time shows its state and no button; unclaimed has no ID', () => {
    const sent = (r: ConnectionRequest, other: Account) =>
      requestsDoc({ incoming: null, outgoing: page([{ request: r, other }]) }, 20_000);
    expect(actions(sent(request('r1'), bob))).toEqual([]);
    expect(words(sent(request('r1'), bob))).toContain('Request to Bob Tran (Chatwork ID: bob-tran): Expired');
    const open = requestsDoc({ incoming: null, outgoing: page([{ request: request('r2'), other: dan }]) }, 0);
    expect(actions(open)).toEqual([{ kind: 'withdraw', requestId: 'r2', on: 'list' }]);
    expect(words(open)).toContain('Request to Dan Never: Pending');
    expect(words(open, 'ja')).toContain('Dan Neverさんへの申請：承認待ち');
    expect(words(open, 'vi')).toContain('Yêu cầu tới Dan Never: Đang chờ');
  });

  it('contacts: [Message] where the surface can reach them, else [Profile link]; Remove in the overflow; [Show more]', () => {
    const contacts = page(
      [
        { account: ann, since: 0 },
        { account: bob, since: 0 },
      ],
      'next',
    );
    const slack = contactsDoc(contacts, {
      messageUrl: (a) => (a === ann ? 'https://slack.example/ann' : null),
    });
    expect(buttons(slack).filter((b) => b.kind === 'url')).toEqual([
      { kind: 'url', label: { key: 'list.message' }, url: 'https://slack.example/ann', secondary: true },
    ]);
    expect(actions(slack)).toEqual([
      { kind: 'remove', otherId: ann.id },
      { kind: 'remove', otherId: bob.id },
      { kind: 'page', list: 'contacts', cursor: 'next' },
    ]);
    const teams = contactsDoc(contacts, { publicUrl: 'https://x.example' });
    expect(buttons(teams).flatMap((b) => (b.kind === 'url' ? [b.url] : []))).toEqual([
      'https://x.example/ann-lee',
      'https://x.example/bob-tran',
    ]);
    expect(words(contactsDoc(page([]), { publicUrl: 'https://x.example' }))).toContain(
      'You have no contacts yet. Share your invite link to connect with people.',
    );
  });

  it('find: [Add to contacts] per person, or no one', () => {
    expect(actions(foundDoc('lee', [ann]))).toEqual([{ kind: 'add', ownerId: ann.id, context: null }]);
    expect(words(foundDoc('x<', []))).toEqual(['No one found for "x<".']);
  });
});

describe('flows/cards: people, privacy, Chatwork, help, App Home', () => {
  it('blocked: [Unblock] each, [Show more] on the block list; none says so', () => {
    const doc = blockedDoc(page([{ account: bob, blockedAt: 0 }], 'b2'));
    expect(words(doc)).toEqual([
      'People you blocked',
      'Bob Tran (Chatwork ID: bob-tran)',
      'Unblock',
      'Show more',
    ]);
    expect(actions(doc)).toEqual([
      { kind: 'unblock', otherId: bob.id },
      { kind: 'page', list: 'blocked', cursor: 'b2' },
    ]);
    expect(words(blockedDoc(page([])))).toContain('You have not blocked anyone.');
  });

  it('accept all, asked: how many, and the one button bounded by the time of asking', () => {
    const doc = acceptAllConfirmDoc({ count: 12, before: 5, max: 100 });
    expect(words(doc)[0]).toContain('Accept 12 incoming requests?');
    expect(actions(doc)).toEqual([{ kind: 'accept_all', shown: 12, before: 5 }]);
  });

  it('delete my data asks with the handle that goes; export gives the link; a sentence keeps its tone', () => {
    const ask = privacyDoc({ kind: 'delete_confirm', handle: 'ann-lee' });
    expect(words(ask)[0]).toContain('Your Chatwork ID ann-lee');
    expect(actions(ask)).toEqual([
      { kind: 'delete_data', handle: 'ann-lee' },
      { kind: 'delete_data_cancel' },
    ]);
    const link = privacyDoc({ kind: 'export_link', url: 'https://x.example/export/t' });
    expect(buttons(link)).toMatchObject([{ kind: 'url', url: 'https://x.example/export/t' }]);
    expect(privacyDoc({ kind: 'said', said: { key: 'privacy.nothing' }, tone: 'bad' }).blocks).toEqual([
      { kind: 'text', text: { key: 'privacy.nothing' }, tone: 'attention' },
    ]);
  });

  it('a Chatwork request: who, organisation, department, message, [Accept] [Not now] carrying the request', () => {
    const card = {
      ownerId: 'acc_ann',
      requestId: 7,
      name: 'Carol',
      organization: 'C&Co',
      department: 'Sales',
      message: 'Hi *Ann*',
    };
    const doc = chatworkRequestDoc(card);
    expect(words(doc)).toEqual([
      'Contact request in Chatwork',
      'Carol wants to add you to their contacts in Chatwork.',
      'Organization: C&Co',
      'Department: Sales',
      'Hi *Ann*',
      'Accept',
      'Not now',
    ]);
    expect(actions(doc)).toEqual([
      { kind: 'chatwork', decide: { ownerId: 'acc_ann', requestId: 7, name: 'Carol', action: 'accept' } },
      { kind: 'chatwork', decide: { ownerId: 'acc_ann', requestId: 7, name: 'Carol', action: 'decline' } },
    ]);
    expect(
      words(chatworkRequestDoc({ ...card, organization: '', department: '', message: ' ' })),
    ).toHaveLength(4);
    const settled = chatworkSettledDoc({
      kind: 'settled',
      said: { key: 'chatwork.req.broken' },
      roomUrl: 'https://cw/#!rid1',
    });
    expect(buttons(settled)).toMatchObject([{ kind: 'url', url: 'https://cw/#!rid1' }]);
    expect(buttons(chatworkConnectDoc('https://cw/consent'))).toMatchObject([
      { kind: 'url', url: 'https://cw/consent' },
    ]);
  });

  it('help: what went wrong first, one line per command, [Export my data] [Delete my data]; welcome by name', () => {
    const doc = helpDoc({ key: 'teams.help.unknown' });
    expect(words(doc).slice(0, 2)).toEqual(['Chatwork Invite commands', 'Sorry, I did not understand that.']);
    expect(words(doc, 'ja')[0]).toBe('Chatwork Inviteのコマンド');
    expect(actions(doc)).toEqual([{ kind: 'export_data_ask' }, { kind: 'delete_data_ask' }]);
    expect(words(welcomeDoc('Ann <b>'))[0]).toContain('Hi Ann <b>!');
    expect(actions(welcomeDoc('Ann'))).toEqual([]);
  });

  it('App Home: [Change], [Open in Chatwork] when linked, the search toggle, [Delete my data], then the lists', () => {
    const home = {
      me: ann,
      link: 'https://x.example/ann-lee',
      incoming: page([{ request: request('r1'), other: bob }]),
      outgoing: page([]),
      contacts: page([]),
      chatworkUrl: 'https://www.chatwork.com/ann',
    };
    const doc = homeDoc(home, { messageUrl: () => null }, 0);
    expect(actions(doc).slice(0, 3)).toEqual([
      { kind: 'change_handle' },
      { kind: 'searchable', value: false },
      { kind: 'delete_data_ask' },
    ]);
    expect(buttons(doc)).toContainEqual({
      kind: 'url',
      label: { key: 'chatwork.card.open' },
      url: 'https://www.chatwork.com/ann',
    });
    expect(words(doc)).toEqual(expect.arrayContaining(['Incoming Requests', 'Sent requests', 'Contacts']));
    const hidden = homeDoc(
      { ...home, me: { ...ann, searchable: false }, chatworkUrl: null },
      { publicUrl: '' },
      0,
    );
    expect(actions(hidden)).toContainEqual({ kind: 'searchable', value: true });
    expect(buttons(hidden).some((b) => b.kind === 'url' && b.url.includes('chatwork.com'))).toBe(false);
  });
});
