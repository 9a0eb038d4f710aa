// Browsers send a handful of languages; a longer header is read no further than this.
const MAX_ACCEPT_LANGUAGE_ENTRIES = 32;

const FALLBACK_LOCALE = 'en';

/**
 * The locale to show a survey in, from those with a message catalogue: the invitation's own
 * locale first (the customer's language as the support system knows it), then the browser's
 * `Accept-Language` by q-value, then English. A tag matches by RFC 4647 lookup: exactly
 * (ignoring case), or with subtags dropped from the end (`ja-JP` finds `ja`). Entries with
 * `q=0` are refused languages and never chosen; malformed entries are ignored.
 *
 * @example
 * ```ts
 * pickLocale(undefined, 'fr-CH, ja;q=0.9, en;q=0.8', ['en', 'ja']); // 'ja'
 * pickLocale('ja-JP', 'en', ['en', 'ja']); // 'ja'
 * ```
 */
export const pickLocale = (invitationLocale: string | undefined, acceptLanguage: string | undefined, available: readonly string[]): string => {
  const candidates = [...(invitationLocale ? [invitationLocale] : []), ...preferredLanguages(acceptLanguage ?? '')];
  for (const candidate of candidates) {
    const found = lookUp(candidate, available);
    if (found) return found;
  }
  return available.find((locale) => locale.toLowerCase() === FALLBACK_LOCALE) ?? available[0] ?? FALLBACK_LOCALE;
};

const ENTRY = /^([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)(?:\s*;\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?$/;

// Languages in the order the browser prefers them: by q-value, ties kept in header order.
const preferredLanguages = (header: string): string[] =>
  header
    .split(',')
    .slice(0, MAX_ACCEPT_LANGUAGE_ENTRIES)
    .flatMap((entry, position) => {
      const match = ENTRY.exec(entry.trim());
      if (!match || match[1] === '*') return [];
      const q = match[2] === undefined ? 1 : Number(match[2]);
      return q > 0 ? [{ tag: match[1]!, q, position }] : [];
    })
    .sort((a, b) => b.q - a.q || a.position - b.position)
    .map((entry) => entry.tag);

const lookUp = (tag: string, available: readonly string[]): string | undefined => {
  const subtags = tag.toLowerCase().split('-');
  for (let length = subtags.length; length > 0; length--) {
    const prefix = subtags.slice(0, length).join('-');
    const found = available.find((locale) => locale.toLowerCase() === prefix);
    if (found) return found;
  }
  return undefined;
};
