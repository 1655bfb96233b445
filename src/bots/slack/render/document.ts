import type { Locale } from '../../../core/index.js';
import type { CardBlock, CardButton, CardDoc } from '../../../flows/card.js';
import { t } from '../../../i18n/catalog.js';
import { ACTION, encode, encodeAction, type Surface } from '../values.js';
import { type Block, clamp, esc, type Message, mrkdwn, plain, said } from './mrkdwn.js';

/**
 * The one Block Kit renderer: a `CardDoc` (`src/flows/card.ts`) → a message (`{ text, blocks }`) or
 * App Home's blocks. The title is the bold first line. Every user string is escaped (`said`, `esc`); buttons carry their action
 * through the codec (`encodeAction`), so their ids and values are the ones Slack has always sent.
 * Text, facts, links and notes that follow each other share one section; `surface` says where the
 * buttons sit (a DM card settled in place, a list, App Home).
 */
export function renderMessage(locale: Locale, doc: CardDoc, surface: Surface = 'list'): Message {
  return { text: clamp(said(locale, doc.summary)), blocks: renderBlocks(locale, doc, surface) };
}

export function renderBlocks(locale: Locale, doc: CardDoc, surface: Surface = 'list'): Block[] {
  const out = blocksOf(locale, doc.blocks, surface, doc.title ? `*${said(locale, doc.title)}*` : '');
  if (doc.buttons && doc.buttons.length > 0) out.push(actionsOf(locale, doc.buttons, surface));
  return out;
}

/** A block as one line of a section; null for one that stands alone (a context, an image, an item). */
function lineOf(locale: Locale, b: CardBlock, inItem = false): string | null {
  switch (b.kind) {
    case 'text':
      return b.tone === 'subtle' && !inItem ? null : said(locale, b.text);
    case 'context':
      return inItem ? said(locale, b.text) : null;
    case 'fact':
      return `*${said(locale, b.label)}:* \`${esc(b.value)}\``;
    case 'link':
      return `<${b.url}|${esc(b.url)}>`;
    case 'note':
      return `>${t(locale, 'card.note', { note: esc(b.note).replace(/\n/g, '\n>') })}`;
    default:
      return null;
  }
}

/** `first`: the line that opens the first section (the title, bold), or ''. */
function blocksOf(locale: Locale, blocks: CardBlock[], surface: Surface, first = ''): Block[] {
  const out: Block[] = [];
  let lines = first;
  for (const b of blocks) {
    const line = lineOf(locale, b);
    if (line !== null) {
      lines = lines === '' ? line : `${lines}\n${line}`;
      continue;
    }
    if (lines !== '') out.push({ type: 'section', text: mrkdwn(lines) });
    lines = '';
    if (b.kind === 'context' || b.kind === 'text')
      out.push({ type: 'context', elements: [mrkdwn(said(locale, b.text))] });
    else if (b.kind === 'image')
      out.push({ type: 'image', image_url: b.url, alt_text: said(locale, b.alt, false) });
    else if (b.kind === 'item') out.push(...item(locale, b.blocks, b.buttons, surface));
    else if (b.kind === 'heading')
      out.push({ type: 'header', text: plain(said(locale, b.text, false), 150) });
    else if (b.kind === 'buttons' && b.buttons.length > 0) out.push(actionsOf(locale, b.buttons, surface));
    else if (b.kind === 'divider') out.push({ type: 'divider' });
  }
  if (lines !== '') out.push({ type: 'section', text: mrkdwn(lines) });
  return out;
}

/** One person or request: one section, its only button (or menu) beside it, else a row under it. */
function item(locale: Locale, blocks: CardBlock[], buttons: CardButton[], surface: Surface): Block[] {
  const lines = blocks.map((b) => lineOf(locale, b, true)).filter((l) => l !== null);
  const section = { type: 'section', text: mrkdwn(lines.join('\n')) };
  const row = elements(locale, buttons, surface);
  if (row.length === 1) return [{ ...section, accessory: row[0] }];
  return row.length > 0 ? [section, { type: 'actions', elements: row }] : [section];
}

const actionsOf = (locale: Locale, buttons: CardButton[], surface: Surface): Block => ({
  type: 'actions',
  elements: elements(locale, buttons, surface),
});

/** The buttons of a row; the secondary ones (Block, Remove) in an overflow menu at its end. */
function elements(locale: Locale, buttons: CardButton[], surface: Surface): Block[] {
  const main = buttons.filter((b) => !b.secondary).map((b) => button(locale, b, surface));
  const more = buttons.filter((b) => b.secondary);
  if (more.length === 0) return main;
  const first = more.find((b) => b.kind === 'action');
  const options = more.map((b) => ({
    text: plain(said(locale, b.label, false)),
    ...(b.kind === 'url'
      ? { value: encode.message(), url: b.url }
      : { value: encodeAction(b.action, surface).value }),
  }));
  const id = first?.kind === 'action' ? encodeAction(first.action, surface).actionId : ACTION.link;
  return [...main, { type: 'overflow', action_id: id, options }];
}

/** Built in key order (type, text, style, action_id, url or value) without spreading a half-built object. */
function button(locale: Locale, b: CardButton, surface: Surface): Block {
  const out: Block = { type: 'button', text: plain(said(locale, b.label, false)) };
  if (b.style) out.style = b.style;
  if (b.kind === 'url') return Object.assign(out, { action_id: ACTION.link, url: b.url });
  const { actionId, value } = encodeAction(b.action, surface);
  return Object.assign(out, { action_id: actionId, value });
}
