/**
 * URL slug for an article title: lower-case ASCII words joined by "-", at most 80 characters,
 * cut at a word boundary. Accented letters lose their accents; other scripts are dropped, and a
 * title with no usable letters falls back to "article".
 */
export function slugify(title: string, maxLength = 80): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > maxLength) break;
    slug = next;
  }
  if (!slug && words.length) slug = words[0].slice(0, maxLength);
  return slug || "article";
}

/** The first of slug, slug-2, slug-3, … that `taken` does not contain. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
