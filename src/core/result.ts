/** Expected outcomes are values: `{ ok: true, value } | { ok: false, error: { code, … } }`. */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E extends { code: string }> = { readonly ok: false; readonly error: E };
export type Result<T, E extends { code: string }> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E extends { code: string }>(error: E): Err<E> => ({ ok: false, error });

/** Exhaustiveness check for `switch` over tagged unions: adding a case breaks the build. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
