/**
 * Plain-text hygiene for user-controlled strings (display names, notes) before they are stored.
 * Rendering-time escaping (mrkdwn, HTML, cards) is the renderers' job; this only removes characters
 * that have no business in a name or note: control characters and bidirectional overrides.
 */

// C0/C1 controls except \n and \t, plus bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function sanitizePlainText(input: string): string {
  // Line endings first: a lone CR is a line break, not a control character to drop.
  return input.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim();
}

/** Counts user-perceived characters closely enough for limits: code points, not UTF-16 units. */
export function charCount(input: string): number {
  return Array.from(input).length;
}

export function truncateChars(input: string, max: number): string {
  const chars = Array.from(input);
  return chars.length <= max ? input : `${chars.slice(0, max - 1).join('')}…`;
}

/** A display name: sanitized, single line, bounded, never empty. */
export function cleanDisplayName(input: string, max: number): string {
  const oneLine = sanitizePlainText(input).replace(/\s+/g, ' ');
  return truncateChars(oneLine, max) || '?';
}
