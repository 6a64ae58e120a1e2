/** Small text helpers shared by modules: trimming form text, and URL slugs. */

/** Trims and collapses inner whitespace; an empty result is null. */
export function cleanText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * A URL slug: lowercase ASCII letters and digits joined by single hyphens, accents removed
 * ("Keripik Ma'Icih Pedas" -> "keripik-maicih-pedas"), at most `max` characters; "item" when
 * nothing is left.
 */
export function slugify(s: string, max = 80): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'item';
}
