import { assertNever, type Locale, POLICY } from '../../core/index.js';
import type { ButtonAction, CardBlock, CardButton, CardDoc, Tone } from '../../flows/card.js';
import { t } from '../../i18n/catalog.js';
import { renderText, type Text } from '../../i18n/text.js';
import {
  type Action,
  card,
  type Element,
  encodeAction,
  execute,
  heading,
  item,
  line,
  openUrl,
} from './card-kit.js';
import type { Card } from './transport.js';

/**
 * The one Adaptive Card renderer: a `CardDoc` (`src/flows/card.ts`) → a card. Every string is a
 * TextRun (`card-kit.ts`), never parsed as Markdown, so user text shows literally; buttons carry
 * their action through the codec (`encodeAction`), so verbs and data stay what Teams has always
 * sent. `version: '1.3'` for link unfurling, where Teams allows no Action.Execute.
 */
export function renderCard(locale: Locale, doc: CardDoc, opts: { version?: string } = {}): Card {
  const say = (text: Text) => renderText(locale, text);
  const body = [
    ...(doc.title ? [heading(say(doc.title))] : []),
    ...elements(locale, doc.blocks),
  ];
  const refresh = doc.refresh && executeOf('', doc.refresh);
  return card(
    body,
    (doc.buttons ?? []).map((b) => action(locale, b)),
    {
      ...(opts.version ? { version: opts.version } : {}),
      ...(refresh ? { refresh } : {}),
    },
  );
}

const COLOR = { good: 'Good', attention: 'Attention', accent: 'Accent' } as const;

const toned = (tone: Tone | undefined) =>
  tone === undefined ? {} : tone === 'subtle' ? { isSubtle: true } : { color: COLOR[tone] };

/** The body; a divider separates the block after it. */
function elements(locale: Locale, blocks: CardBlock[]): Element[] {
  const out: Element[] = [];
  let separate = false;
  for (const b of blocks) {
    if (b.kind === 'divider') separate = true;
    else out.push(separate ? { ...element(locale, b), separator: true } : element(locale, b));
    if (b.kind !== 'divider') separate = false;
  }
  return out;
}

function element(locale: Locale, b: Exclude<CardBlock, { kind: 'divider' }>): Element {
  const say = (text: Text) => renderText(locale, text);
  switch (b.kind) {
    case 'text':
      return line(say(b.text), toned(b.tone));
    case 'fact':
      return line(`${say(b.label)}: ${b.value}`, { isSubtle: true });
    case 'link':
      return line(b.url, { fontType: 'Monospace' });
    case 'context':
      return line(say(b.text), { isSubtle: true });
    case 'note':
      return line(t(locale, 'teams.request.note', { note: b.note }), {}, 'Small');
    case 'image':
      return { type: 'Image', url: b.url, altText: say(b.alt), size: 'Medium' };
    case 'item':
      return item(
        elements(locale, b.blocks),
        b.buttons.map((x) => action(locale, x)),
      );
    case 'heading':
      return heading(say(b.text));
    case 'buttons':
      return { type: 'ActionSet', actions: b.buttons.map((x) => action(locale, x)) };
    default:
      return assertNever(b);
  }
}

const STYLE = { primary: 'positive', danger: 'destructive' } as const;

function executeOf(title: string, a: ButtonAction, style?: 'primary' | 'danger'): Action {
  const { verb, data } = encodeAction(a);
  return execute(title, verb, data, style && STYLE[style]);
}

function action(locale: Locale, b: CardButton): Action {
  const label = renderText(locale, b.label);
  if (b.kind === 'url') return openUrl(label, b.url);
  if (b.action.kind === 'add_note') return addWithNote(locale, label, b.action);
  return executeOf(label, b.action, b.style);
}

/**
 * "Add with a note": a card shown in place with one text input (at most the policy's length; core
 * checks it again) and [Send request], which is [Add to contacts] with the note (Teams adds the
 * input's value to the action's data as `note`).
 */
function addWithNote(locale: Locale, title: string, a: ButtonAction): Action {
  const max = POLICY.request.noteMaxChars;
  const input = {
    type: 'Input.Text',
    id: 'note',
    label: t(locale, 'people.note.web_label', { max }),
    isMultiline: true,
    maxLength: max,
  };
  const send = executeOf(t(locale, 'people.note.submit'), a, 'primary');
  return { type: 'Action.ShowCard', title, card: card([input], [send]) };
}

/** A short message: an outcome, an error, a confirmation. */
export const noticeCard = (text: string, tone: 'good' | 'attention' | 'plain' = 'plain'): Card =>
  card([line(text, tone === 'plain' ? {} : { color: COLOR[tone] })]);
