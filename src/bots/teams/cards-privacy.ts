import { z } from 'zod';
import type { CoreDeps, Locale } from '../../core/index.js';
import { askDeletion, exportData, type PrivacyClick, type PrivacyView } from '../../flows/privacy.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import type { TeamsInbound } from './activity.js';
import { type Action, card, DATA_VERSION, execute, line, openUrl, VERBS } from './card-kit.js';
import { noticeCard } from './cards.js';
import type { Card } from './transport.js';

/** `delete my data` and `export my data` as Adaptive Cards, and their buttons read back (`src/flows/privacy.ts`). */

const TONE = { good: 'good', bad: 'attention', plain: 'plain' } as const;

export function privacyCard(locale: Locale, view: PrivacyView): Card {
  switch (view.kind) {
    case 'said':
      return noticeCard(renderText(locale, view.said), TONE[view.tone]);
    case 'delete_confirm':
      return card(
        [line(t(locale, 'privacy.delete.confirm', { handle: view.handle }))],
        [
          execute(
            t(locale, 'privacy.delete.button'),
            VERBS.deleteData,
            { handle: view.handle },
            'destructive',
          ),
          execute(t(locale, 'privacy.delete.cancel'), VERBS.deleteDataCancel, {}),
        ],
      );
    case 'export_link':
      return card(
        [line(t(locale, 'privacy.export.title'))],
        [openUrl(t(locale, 'privacy.export.button'), view.url)],
      );
  }
}

const deleteData = z.object({ v: z.literal(DATA_VERSION), handle: z.string().min(1).max(64) });

/** The confirmation's buttons → the flow's click; null for any other verb. Card data is zod-parsed. */
export function privacyClickOf(
  a: Extract<TeamsInbound, { kind: 'card_action' }>,
): PrivacyClick | { kind: 'invalid' } | null {
  if (a.verb === VERBS.deleteDataCancel) return { kind: 'delete_data_cancel' };
  if (a.verb !== VERBS.deleteData) return null;
  const data = deleteData.safeParse(a.data);
  return data.success ? { kind: 'delete_data', handle: data.data.handle } : { kind: 'invalid' };
}

/** The help card's buttons: [Export my data], [Delete my data]. */
export const privacyActions = (locale: Locale): Action[] => [
  execute(t(locale, 'privacy.export.ask'), VERBS.exportDataAsk, {}),
  execute(t(locale, 'privacy.delete.button'), VERBS.deleteDataAsk, {}),
];

/**
 * Those buttons answered with a card, changing nothing: the confirmation, or the export link. Only in
 * the personal chat, where no one else sees the answer. Null for any other verb.
 */
export async function privacyNavigation(
  core: CoreDeps,
  a: Extract<TeamsInbound, { kind: 'card_action' }>,
): Promise<Card | null> {
  if (a.verb !== VERBS.deleteDataAsk && a.verb !== VERBS.exportDataAsk) return null;
  if (a.place.conversationType !== 'personal') return noticeCard(t(a.locale, 'privacy.personal_only'));
  const done =
    a.verb === VERBS.deleteDataAsk ? await askDeletion(core, a.actor) : await exportData(core, a.actor, true);
  return privacyCard(a.locale, done.view);
}
