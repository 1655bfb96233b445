import type { z } from 'zod';

/** JSON text → its value; undefined when it is not JSON. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A stored JSON record read back with its schema: null when missing, not JSON, or not of that shape. */
export function recordOf<T>(schema: z.ZodType<T>, raw: string | null): T | null {
  if (raw === null) return null;
  const parsed = schema.safeParse(jsonOf(raw));
  return parsed.success ? parsed.data : null;
}
