import type { Locale } from '../../core/index.js';
import { t } from '../../i18n/catalog.js';
import { PAGE_CSS } from './style.js';

/**
 * HTML building blocks of the web pages. Every user-controlled string goes through `h()`; messages
 * are looked up with raw params and escaped as a whole, so a name can never become markup.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function h(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A localized message, escaped for HTML. Params are raw (unescaped) values. */
export function tx(
  locale: Locale,
  key: Parameters<typeof t>[1],
  params: Parameters<typeof t>[2] = {},
): string {
  return h(t(locale, key, params));
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', vi: 'Tiếng Việt' };

export interface LayoutInput {
  locale: Locale;
  title: string;
  /** Per-request CSP nonce for the one inline style and script. */
  nonce: { style: string; script: string };
  /** The current path without query, for the language switcher. */
  path: string;
  /** Query parameters the language switcher keeps (the sign-in page's token), already URL-encoded. */
  keepQuery?: string;
  /** Extra `<head>` markup (OpenGraph, canonical), already escaped. */
  head?: string;
  /** Shown in the header with a sign-out button when someone is signed in. */
  session?: { name: string; csrf: string } | null;
  body: string;
}

/** The page shell: head, header (brand, session, language switcher), main, footer and the copy script. */
export function layout(input: LayoutInput): string {
  const { locale } = input;
  const base = `${input.path}?${input.keepQuery ? `${input.keepQuery}&` : ''}`;
  const langs = (['en', 'ja', 'vi'] as const)
    .map((l) =>
      l === locale
        ? `<a href="${h(base)}lang=${l}" aria-current="true" lang="${l}">${LANGUAGE_NAMES[l]}</a>`
        : `<a href="${h(base)}lang=${l}" lang="${l}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a>`,
    )
    .join('');
  const session = input.session
    ? `<form class="session" method="post" action="/signout?lang=${locale}">
        <span>${tx(locale, 'web.signed_in_as', { name: input.session.name })}</span>
        <input type="hidden" name="csrf" value="${h(input.session.csrf)}">
        <input type="hidden" name="next" value="${h(input.path)}">
        <button type="submit" class="link-button">${tx(locale, 'web.sign_out')}</button>
      </form>`
    : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${h(input.title)}</title>
${input.head ?? ''}
<style nonce="${h(input.nonce.style)}">${PAGE_CSS}</style>
</head>
<body>
<header class="top">
  <span class="brand"><span class="brand-mark" aria-hidden="true">C</span>${tx(locale, 'web.app_name')}</span>
  <nav class="langs" aria-label="${tx(locale, 'web.language')}">${langs}</nav>
</header>
${session}
<main>
${input.body}
</main>
<footer>${tx(locale, 'web.footer')} · <a href="/privacy?lang=${locale}">${tx(locale, 'pages.privacy')}</a> · <a href="/terms?lang=${locale}">${tx(locale, 'pages.terms')}</a></footer>
<script nonce="${h(input.nonce.script)}">${COPY_SCRIPT}</script>
</body>
</html>`;
}

/**
 * Copy buttons: `<button data-copy="id" data-copied="Copied">` copies the value of input `id`.
 * Without JavaScript the inputs are still selectable, so nothing depends on it.
 */
const COPY_SCRIPT = `document.querySelectorAll('[data-copy]').forEach(function (b) {
  b.addEventListener('click', function () {
    var input = document.getElementById(b.getAttribute('data-copy'));
    if (!input) return;
    var done = function () { var old = b.textContent; b.textContent = b.getAttribute('data-copied'); setTimeout(function () { b.textContent = old; }, 1600); };
    input.select();
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
    else { document.execCommand('copy'); done(); }
  });
});`;

/** A read-only text field with a copy button: links and commands. */
export function copyField(
  id: string,
  value: string,
  label: string,
  copyLabel: string,
  copiedLabel: string,
): string {
  return `<div class="copy">
  <input id="${h(id)}" type="text" readonly value="${h(value)}" aria-label="${h(label)}" spellcheck="false">
  <button type="button" class="secondary" data-copy="${h(id)}" data-copied="${h(copiedLabel)}">${h(copyLabel)}</button>
</div>`;
}

/** One grapheme segmenter for every page (building one per call is most of what rendering a page costs). */
const graphemes = new Intl.Segmenter();

/** Up to two initials: first letters of the first and last words, or the first character of a CJK name. */
export function initials(displayName: string, fallback: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  const first = (s: string) => graphemes.segment(s)[Symbol.iterator]().next().value?.segment ?? '';
  if (words.length === 0) return fallback.slice(0, 2).toUpperCase();
  const a = first(words[0] ?? '');
  const b = words.length > 1 ? first(words[words.length - 1] ?? '') : '';
  return (a + b).toUpperCase();
}

/** One of eight avatar colours, stable per handle (classes, so the CSP needs no inline styles). */
export function avatarClass(handle: string): string {
  let hash = 0;
  for (const c of handle.toLowerCase()) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return `av-${hash % 8}`;
}
