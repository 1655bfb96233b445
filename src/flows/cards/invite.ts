import type { CardBlock, CardButton, CardDoc } from '../card.js';
import type { InviteSeen } from '../invite-view.js';
import { action, t } from './lists.js';

/**
 * The invite card, written once: who invites, their Chatwork ID and link, how it looks to this viewer
 * (their own, a contact, already asked, a stranger, someone seen for the first time), and what they
 * can do. `refresh` asks again per viewer where the platform can (Teams); the card as posted is
 * `state: null`.
 */
export function inviteDoc(
  seen: Pick<InviteSeen, 'owner' | 'link' | 'state' | 'notice' | 'chatworkUrl'>,
): CardDoc {
  const { owner, link, state, notice } = seen;
  const name = owner.displayName;
  const intro = t('card.invite.text', { name: { strong: name } });
  const blocks: CardBlock[] = [
    { kind: 'text', text: intro },
    { kind: 'fact', label: t('term.chatwork_id'), value: owner.handle },
    { kind: 'link', url: link },
  ];
  if (state === 'own') blocks.push({ kind: 'text', text: t('viewer.own'), tone: 'accent' });
  if (notice) blocks.push({ kind: 'text', text: notice.text, tone: notice.tone });
  else if (state === 'contact' || state === 'requested')
    blocks.push({ kind: 'text', text: t(`viewer.${state}`, { name }), tone: 'good' });
  const add = { kind: 'add', ownerId: owner.id, context: null } as const;
  const buttons: CardButton[] =
    state === 'anonymous'
      ? [action(t('term.register_and_connect'), add, { style: 'primary' })]
      : state === null || state === 'stranger'
        ? [
            action(t('term.add_to_contacts'), add, { style: 'primary' }),
            action(t('people.note.button'), { kind: 'add_note', ownerId: owner.id }),
          ]
        : [];
  buttons.push({ kind: 'url', label: t('card.open_link'), url: link });
  if (seen.chatworkUrl) buttons.push({ kind: 'url', label: t('chatwork.card.open'), url: seen.chatworkUrl });
  return {
    title: t('card.invite.title', { name }),
    summary: intro,
    blocks,
    buttons,
    refresh: { kind: 'view_invite', ownerId: owner.id },
  };
}

/** A pasted link's card where unfurls carry no buttons of ours (Teams): [Add to contacts] opens the page. */
export function unfurlDoc({ owner, link }: Pick<InviteSeen, 'owner' | 'link'>): CardDoc {
  const text = t('card.invite.text', { name: { strong: owner.displayName } });
  return {
    title: t('card.invite.title', { name: owner.displayName }),
    summary: text,
    blocks: [
      { kind: 'text', text },
      { kind: 'fact', label: t('term.chatwork_id'), value: owner.handle },
    ],
    buttons: [{ kind: 'url', label: t('term.add_to_contacts'), url: link }],
  };
}

/** `link`: the actor's own link, and its QR code where it can be fetched (https). */
export const linkDoc = (link: string): CardDoc => ({
  title: t('card.link.title'),
  summary: t('card.link.title'),
  blocks: [
    { kind: 'text', text: t('card.link.text') },
    { kind: 'link', url: link },
    ...(link.startsWith('https://')
      ? [{ kind: 'image' as const, url: `${link}/qr.png`, alt: t('card.link.qr') }]
      : []),
  ],
  buttons: [{ kind: 'url', label: t('card.open_link'), url: link }],
});

const current = (handle: string, link: string) =>
  t('card.id.current', { handle: { strong: handle }, command: { code: 'id set <ID>' }, link });

/** `id`: the actor's Chatwork ID, how to change it, and their link. */
export const idDoc = (handle: string, link: string): CardDoc => ({
  title: t('term.chatwork_id'),
  summary: current(handle, link),
  blocks: [{ kind: 'text', text: current(handle, link) }],
  buttons: [{ kind: 'url', label: t('card.open_link'), url: link }],
});
