import type { Locale } from '../../../core/index.js';
import type { PrivacyView } from '../../../flows/privacy.js';
import { t } from '../../../i18n/catalog.js';
import { PRIVACY_ACTION, privacyValue } from '../privacy-values.js';
import { ACTION } from '../values.js';
import { type Message, said, textMessage } from './cards.js';
import { clamp, esc } from './mrkdwn.js';
import { button, section } from './people.js';

/** `delete my data` and `export my data` in Block Kit (`src/flows/privacy.ts`). */
export function privacyMessage(locale: Locale, view: PrivacyView): Message {
  switch (view.kind) {
    case 'said':
      return textMessage(said(locale, view.said));
    case 'delete_confirm': {
      const question = t(locale, 'privacy.delete.confirm', { handle: `\`${esc(view.handle)}\`` });
      return {
        text: clamp(question),
        blocks: [
          section(question),
          {
            type: 'actions',
            elements: [
              button(
                t(locale, 'privacy.delete.button'),
                PRIVACY_ACTION.deleteData,
                privacyValue(view.handle),
                'danger',
              ),
              button(t(locale, 'privacy.delete.cancel'), PRIVACY_ACTION.deleteCancel, '{}'),
            ],
          },
        ],
      };
    }
    case 'export_link': {
      const title = t(locale, 'privacy.export.title');
      const open = { type: 'plain_text', text: t(locale, 'privacy.export.button') };
      const link = { type: 'button', action_id: ACTION.link, text: open, url: view.url, style: 'primary' };
      return { text: clamp(title), blocks: [section(title), { type: 'actions', elements: [link] }] };
    }
  }
}
