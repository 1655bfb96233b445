import { LOCALES, type Locale, localeSchema } from '../../core/index.js';

/**
 * The page language: `?lang=` when it names a supported locale, else the best match of
 * `Accept-Language` (quality values honoured, `ja-JP` → `ja`), else English.
 */
export function pickLocale(query: unknown, acceptLanguage: string | undefined): Locale {
  // Most requests have no `?lang=`: no parse (a failed zod parse builds an error object) then.
  const explicit = query === undefined ? null : localeSchema.safeParse(query);
  if (explicit?.success) return explicit.data;
  return fromAcceptLanguage(acceptLanguage ?? '');
}

export function fromAcceptLanguage(header: string): Locale {
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split(/[-_]/)[0] ?? '', quality, index };
    })
    .filter((r) => Number.isFinite(r.quality) && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const r of ranked) {
    const found = LOCALES.find((l) => l === r.base);
    if (found) return found;
  }
  return 'en';
}
