import type { CardButton, CardDoc, Tone } from '../card.js';
import type { PrivacyView } from '../privacy.js';
import { action, t } from './lists.js';

/** `delete my data` and `export my data` as cards, written once (`src/flows/privacy.ts` runs them). */

const TONE: Record<'good' | 'bad' | 'plain', Tone | undefined> = {
  good: 'good',
  bad: 'attention',
  plain: undefined,
};

export function privacyDoc(view: PrivacyView): CardDoc {
  switch (view.kind) {
    case 'said': {
      const tone = TONE[view.tone];
      return { summary: view.said, blocks: [{ kind: 'text', text: view.said, ...(tone ? { tone } : {}) }] };
    }
    case 'delete_confirm': {
      const question = t('privacy.delete.confirm', { handle: { code: view.handle } });
      return {
        summary: question,
        blocks: [{ kind: 'text', text: question }],
        buttons: [
          action(
            t('privacy.delete.button'),
            { kind: 'delete_data', handle: view.handle },
            { style: 'danger' },
          ),
          action(t('privacy.delete.cancel'), { kind: 'delete_data_cancel' }),
        ],
      };
    }
    case 'export_link': {
      const title = t('privacy.export.title');
      return {
        summary: title,
        blocks: [{ kind: 'text', text: title }],
        buttons: [{ kind: 'url', label: t('privacy.export.button'), url: view.url, style: 'primary' }],
      };
    }
  }
}

/** [Delete my data] that asks first (App Home). */
export const deleteDataAsk = (): CardButton =>
  action(t('privacy.delete.button'), { kind: 'delete_data_ask' });

/** The help card's buttons: [Export my data] (the link), [Delete my data] (asks first). */
export const privacyButtons = (): CardButton[] => [
  action(t('privacy.export.ask'), { kind: 'export_data_ask' }),
  deleteDataAsk(),
];
