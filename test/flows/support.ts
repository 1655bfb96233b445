import type { Actor } from '../../src/core/index.js';
import type { CardDoc } from '../../src/flows/card.js';
import type { PeoplePort } from '../../src/flows/commands.js';
import { renderText } from '../../src/i18n/text.js';

/** A card's text blocks, in English. */
export const englishTexts = (doc: CardDoc | null) =>
  (doc?.blocks ?? []).flatMap((b) => (b.kind === 'text' ? [renderText('en', b.text)] : []));

/**
 * A people port of the test's own that names people the way an adapter would: `@key` → the actor
 * under `key` in the test's directory (NOT_FOUND if none), anything else → text. `directory` is read
 * at each call, so a test may replace its map in `beforeEach`.
 */
export function directoryPeople(directory: () => Map<string, Actor>): PeoplePort<string> {
  return {
    async name(who) {
      if (!who.startsWith('@')) return { kind: 'text', text: who };
      const actor = directory().get(who.slice(1));
      return actor
        ? { kind: 'person', actor, source: 'mention' }
        : { kind: 'problem', said: { problem: { code: 'NOT_FOUND' } }, outcome: 'NOT_FOUND' };
    },
  };
}
