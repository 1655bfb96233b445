import type { Locale } from '../../../core/index.js';
import type { PrivacyView } from '../../../flows/privacy.js';
import { t } from '../../../i18n/catalog.js';
import { DELETE_DATA_CALLBACK, PRIVACY_ACTION, privacyValue } from '../privacy-values.js';
import { ACTION } from '../values.js';
import { type Message, said, textMessage } from './cards.js';
import { clamp, esc } from './mrkdwn.js';
import { type Block, button, header, section } from './people.js';

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

/** App Home's [Delete my data]: asks in a modal (`deleteDataModal`) before anything changes. */
export const deleteDataAsk = (locale: Locale): Block => ({
  type: 'actions',
  elements: [button(t(locale, 'privacy.delete.button'), PRIVACY_ACTION.deleteAsk, 'ask')],
});

/** The confirmation modal opened from App Home: the handle that goes, carried in its metadata. */
export function deleteDataModal(locale: Locale, handle: string) {
  const label = (key: 'privacy.delete.button' | 'privacy.delete.cancel') => ({
    type: 'plain_text',
    text: t(locale, key).slice(0, 24),
  });
  return {
    type: 'modal' as const,
    callback_id: DELETE_DATA_CALLBACK,
    private_metadata: privacyValue(handle),
    title: label('privacy.delete.button'),
    submit: label('privacy.delete.button'),
    close: label('privacy.delete.cancel'),
    blocks: [section(t(locale, 'privacy.delete.confirm', { handle: `\`${esc(handle)}\`` }))],
  };
}

/** The modal after its submission: what happened, in place of the question. */
export const deleteDoneModal = (locale: Locale, text: string) => ({
  type: 'modal' as const,
  title: { type: 'plain_text', text: t(locale, 'privacy.delete.button').slice(0, 24) },
  close: { type: 'plain_text', text: t(locale, 'slack.modal.cancel').slice(0, 24) },
  blocks: [section(text)],
});

/** App Home once the data is deleted: the sentence only, nothing read from the store. */
export const deletedHomeView = (locale: Locale, text: string) => ({
  type: 'home' as const,
  blocks: [header(t(locale, 'slack.home.title')), section(text)],
});
