import type { Locale } from '../../../core/index.js';
import type { CardDoc } from '../../../flows/card.js';
import { t } from '../../../i18n/catalog.js';
import { renderBlocks } from './document.js';
import { type Block, LIMITS, mrkdwn } from './mrkdwn.js';

/** Slack's views around the cards of `src/flows/cards/`: App Home and the modals. */

/** App Home from its card; `notice` (what the last action did) under the title. At most 100 blocks. */
export function homeView(locale: Locale, doc: CardDoc, notice?: string) {
  const blocks = renderBlocks(locale, doc, 'home');
  if (notice) blocks.splice(doc.title ? 1 : 0, 0, { type: 'section', text: mrkdwn(notice) });
  return { type: 'home' as const, blocks: blocks.slice(0, LIMITS.homeBlocks) };
}

const label = (text: string) => ({ type: 'plain_text', text: text.slice(0, 24) });

/** A modal: a title, its blocks, and a close button; `submit`, `callbackId` and `metadata` when it asks. */
export function modal(
  title: string,
  close: string,
  blocks: Block[],
  asks: { submit: string; callbackId: string; metadata?: string } | null = null,
) {
  return {
    type: 'modal' as const,
    ...(asks
      ? {
          callback_id: asks.callbackId,
          ...(asks.metadata ? { private_metadata: asks.metadata } : {}),
          submit: label(asks.submit),
        }
      : {}),
    title: label(title),
    close: label(close),
    blocks,
  };
}

/** The one text input of a modal (App Home's Change, "Add with a note"): read back as `value`. */
export const textInput = (
  blockId: string,
  text: string,
  element: Record<string, unknown>,
  optional = false,
) => ({
  type: 'input',
  block_id: blockId,
  ...(optional ? { optional: true } : {}),
  label: { type: 'plain_text', text: text.slice(0, 2000) },
  element: { type: 'plain_text_input', action_id: 'value', ...element },
});

/** The modal behind App Home's Change button. */
export const changeHandleModal = (locale: Locale, current: string, callbackId: string) =>
  modal(
    t(locale, 'slack.modal.title'),
    t(locale, 'slack.modal.cancel'),
    [
      textInput('handle', t(locale, 'slack.modal.label'), {
        initial_value: current,
        min_length: 4,
        max_length: 32,
      }),
    ],
    { submit: t(locale, 'slack.modal.submit'), callbackId },
  );
