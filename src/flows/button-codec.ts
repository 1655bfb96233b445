/**
 * Reading a button back, for both platforms' codecs (`src/bots/slack/values.ts`, `teams/card-kit.ts`):
 * one table per platform from its wire name (Slack action id, Teams verb) to a reader that parses the
 * button's data with its zod schema and turns it into the `ButtonAction`. Data that is not ours (an
 * older card, a forgery) reads as `invalid`; who may act is decided later, from the clicker.
 */
export type Invalid = { kind: 'invalid' };
/** `context`: where the click happened (channel, conversation), kept with an [Add to contacts]. */
export type ButtonReader<C> = (data: unknown, context: string | null) => C | Invalid;
/** What a zod schema's `safeParse` answers (flows import no packages). */
type Schema<T> = { safeParse(data: unknown): { success: true; data: T } | { success: false } };

/** The two reader makers of a platform whose clicks read as `C`: `read(schema, to)` and `plain(click)`. */
export const readersOf = <C>() => ({
  read:
    <T>(schema: Schema<T>, to: (v: T, context: string | null) => C): ButtonReader<C> =>
    (data, context) => {
      const v = schema.safeParse(data);
      return v.success ? to(v.data, context) : { kind: 'invalid' };
    },
  /** A button whose wire name says it all. */
  plain:
    (click: C): ButtonReader<C> =>
    () =>
      click,
});

export const readButton = <C>(
  table: Record<string, ButtonReader<C>>,
  name: string,
  data: unknown,
  context: string | null,
): C | Invalid =>
  Object.hasOwn(table, name) ? (table[name] as ButtonReader<C>)(data, context) : { kind: 'invalid' };
