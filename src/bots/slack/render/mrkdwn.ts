import type { Locale } from '../../../core/index.js';
import { renderText, type Text, type TextFormat } from '../../../i18n/text.js';

/**
 * mrkdwn safety and Block Kit limits: the only helpers renderers use to put text into a block.
 * Every user-controlled string (names, notes, handles, channel names) goes through `esc`.
 */
export const LIMITS = {
  homeBlocks: 100,
  text: 3000,
  buttonText: 75,
  buttonValue: 2000,
  optionValue: 150,
} as const;

/** Escapes the three mrkdwn control characters; `<!channel>` and `<@U1>` then render as plain text. */
export const esc = (s: string): string =>
  /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;

/** Cuts mrkdwn to Slack's text limit without leaving half an entity behind. */
export function clamp(text: string, max: number = LIMITS.text): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]{0,4}$/, '')}…`;
}

/** A plain_text object (button labels, headers): bounded, never empty. */
export function plain(text: string, max: number = LIMITS.buttonText) {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return { type: 'plain_text' as const, text: t || ' ', emoji: true };
}

export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: clamp(text) || ' ' });

/** A Block Kit block: plain JSON. */
// biome-ignore lint/suspicious/noExplicitAny: Block Kit blocks are plain JSON objects.
export type Block = Record<string, any>;

/** A message: fallback text plus blocks. The fallback is mrkdwn too, so it is escaped the same way. */
export interface Message {
  text: string;
  blocks: Block[];
}

/** A sentence as a message. */
export const textMessage = (text: string): Message => ({
  text: clamp(text),
  blocks: [{ type: 'section', text: mrkdwn(text) }],
});

/** How a flow's `Text` is written in mrkdwn: every string escaped, code in backticks, names bold. */
export const MRKDWN: TextFormat = { escape: esc, code: (s) => `\`${s}\``, strong: (s) => `*${s}*` };
/** The words of a flow's `Text`: mrkdwn, or plain for plain_text fields (labels, headers). */
export const said = (locale: Locale, text: Text, markup = true): string =>
  markup ? renderText(locale, text, MRKDWN) : renderText(locale, text);

/**
 * Slack-formatted input (command text) → plain text: `<@U1|ann>` → `@ann`, `<!channel>` → `@channel`,
 * `<http://x|y>` → `http://x`, entities decoded. The result is stored as plain text and escaped again
 * whenever it is rendered.
 */
export function slackToPlain(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `@${label || id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `#${label || id}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_, label?: string) => label || '@group')
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, (_, word: string) => `@${word}`)
    .replace(/<(?:mailto:)?([^|>]+)(?:\|[^>]*)?>/g, (_, target: string) => target)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
