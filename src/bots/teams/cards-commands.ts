import type { Locale } from '../../core/index.js';
import { commandDoc } from '../../flows/cards/commands.js';
import { helpDoc } from '../../flows/cards/help.js';
import type { CommandView } from '../../flows/commands.js';
import { t } from '../../i18n/catalog.js';
import { renderText } from '../../i18n/text.js';
import { noticeCard, renderCard } from './render-document.js';
import type { Card } from './transport.js';

const TONE = { good: 'good', bad: 'attention', plain: 'plain' } as const;
const UNKNOWN = { key: 'teams.help.unknown' } as const;

/** The command flow's view as an Adaptive Card: Teams' own sentences and help, else the flow's card. */
export function commandCard(locale: Locale, view: CommandView, publicUrl: string, now: number): Card {
  const c = view.content;
  switch (c.kind) {
    case 'said':
      return c.help
        ? renderCard(locale, helpDoc(UNKNOWN, c.said))
        : noticeCard(renderText(locale, c.said), TONE[c.tone]);
    case 'searchable':
      return noticeCard(t(locale, c.on ? 'teams.searchable.on' : 'teams.searchable.off'), 'good');
    case 'help':
      return renderCard(locale, c.unknown === undefined ? helpDoc() : helpDoc(UNKNOWN));
    case 'usage':
      return renderCard(locale, helpDoc());
    default:
      return renderCard(locale, commandDoc(c, { publicUrl }, now));
  }
}
