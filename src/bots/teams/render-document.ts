import { assertNever, type Locale, POLICY } from '../../core/index.js';
import type { ButtonAction, CardBlock, CardButton, CardDoc, Tone } from '../../flows/card.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { CARD_VERSION, DATA_VERSION, encodeAction } from './card-kit.js';
import type { Card } from './transport.js';

/**
 * The one Adaptive Card renderer: a `CardDoc` (`src/flows/card.ts`) → a card. Every string goes into
 * a `TextRun`, which Teams never parses as Markdown, so a user's `[click](https://evil)` or `**x**`
 * shows literally: that is how user strings are escaped for cards. Buttons carry their action
 * through the codec (`card-kit.ts`), so verbs and data stay what Teams has always sent.
 * `version: '1.3'` for link unfurling, where Teams allows no Action.Execute.
 */
export function renderCard(locale: Locale, doc: CardDoc, opts: { version?: string } = {}): Card {
  const body = elements(locale, doc.blocks);
  if (doc.title) body.unshift(heading(renderText(locale, doc.title)));
  const actions = (doc.buttons ?? []).map((b) => action(locale, b));
  const c = card(body, actions, opts.version);
  if (doc.refresh) c.refresh = { action: execute('', doc.refresh) };
  return c;
}

type Json = Record<string, unknown>;

export const card = (body: Json[], actions: Json[] = [], version = CARD_VERSION): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version,
  body,
  ...(actions.length > 0 ? { actions } : {}),
});

/** One paragraph of literal text. */
export const line = (text: string, style: Json = {}): Json => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text, ...style }],
});

const heading = (text: string) => line(text, { weight: 'Bolder', size: 'Medium' });
const COLOR = { good: 'Good', attention: 'Attention', accent: 'Accent' } as const;
const toned = (tone: Tone | undefined) =>
  tone === undefined ? {} : tone === 'subtle' ? { isSubtle: true } : { color: COLOR[tone] };

/** The body; a divider separates the block after it. */
function elements(locale: Locale, blocks: CardBlock[]): Json[] {
  const out: Json[] = [];
  blocks.forEach((b, i) => {
    if (b.kind !== 'divider')
      out.push({ ...element(locale, b), ...(blocks[i - 1]?.kind === 'divider' ? { separator: true } : {}) });
  });
  return out;
}

function element(locale: Locale, b: Exclude<CardBlock, { kind: 'divider' }>): Json {
  switch (b.kind) {
    case 'text':
      return line(renderText(locale, b.text), toned(b.tone));
    case 'fact':
      return line(`${renderText(locale, b.label)}: ${b.value}`, { isSubtle: true });
    case 'link':
      return line(b.url, { fontType: 'Monospace' });
    case 'context':
      return line(renderText(locale, b.text), { isSubtle: true });
    case 'note':
      return { ...line(t(locale, 'card.note', { note: b.note })), spacing: 'Small' };
    case 'image':
      return { type: 'Image', url: b.url, altText: renderText(locale, b.alt), size: 'Medium' };
    case 'heading':
      return heading(renderText(locale, b.text));
    case 'buttons':
      return { type: 'ActionSet', actions: b.buttons.map((x) => action(locale, x)) };
    case 'item': {
      const items = elements(locale, b.blocks);
      if (b.buttons.length > 0)
        items.push({ type: 'ActionSet', actions: b.buttons.map((x) => action(locale, x)) });
      return { type: 'Container', separator: true, spacing: 'Medium', items };
    }
    default:
      return assertNever(b);
  }
}

const STYLE = { primary: 'positive', danger: 'destructive' } as const;

function execute(title: string, a: ButtonAction, style?: 'primary' | 'danger'): Json {
  const { verb, data } = encodeAction(a);
  const styled = style ? { style: STYLE[style] } : {};
  return { type: 'Action.Execute', title, verb, data: { v: DATA_VERSION, ...data }, ...styled };
}

function action(locale: Locale, b: CardButton): Json {
  const title = renderText(locale, b.label);
  if (b.kind === 'url') return { type: 'Action.OpenUrl', title, url: b.url };
  if (b.action.kind !== 'add_note') return execute(title, b.action, b.style);
  // "Add with a note": an input shown in place (at most the policy's length; core checks it again) and
  // [Send request], which is [Add to contacts] with the note (Teams adds the input's value as `note`).
  const max = POLICY.request.noteMaxChars;
  const label = t(locale, 'people.note.web_label', { max });
  const input = { type: 'Input.Text', id: 'note', label, isMultiline: true, maxLength: max };
  const send = execute(t(locale, 'people.note.submit'), b.action, 'primary');
  return { type: 'Action.ShowCard', title, card: card([input], [send]) };
}

/** A short message: an outcome, an error, a confirmation. */
export const noticeCard = (text: string, tone: 'good' | 'attention' | 'plain' = 'plain'): Card =>
  card([line(text, tone === 'plain' ? {} : { color: COLOR[tone] })]);
