const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe in an email's HTML element content and in double-quoted attribute values. Its own
 * module so the escalation emails do not bundle the survey emails' message catalogues with it.
 *
 * @example
 * ```ts
 * escapeEmailHtml(`<b>"Ada"</b>`); // '&lt;b&gt;&quot;Ada&quot;&lt;/b&gt;'
 * ```
 */
export const escapeEmailHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
