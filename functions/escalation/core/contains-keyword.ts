// Scripts written without spaces between words have no word boundary to look for.
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD_CHARACTER = '[\\p{L}\\p{M}\\p{N}_]';

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `text` contains `keyword` as a whole word, ignoring case and width (both are NFKC
 * normalised, so full-width ＬＡＷＹＥＲ matches lawyer). An edge of the keyword written in
 * Japanese, Chinese, Thai and the like matches anywhere, since those scripts put no space
 * between words.
 *
 * @example
 * ```ts
 * containsKeyword('I will call my Lawyer.', 'lawyer'); // true
 * containsKeyword('lawyers', 'lawyer'); // false
 * containsKeyword('契約を解約したい', '解約'); // true
 * ```
 */
export const containsKeyword = (text: string, keyword: string): boolean => {
  const word = keyword.normalize('NFKC').trim();
  if (word === '') return false;
  const characters = [...word];
  const before = SPACELESS.test(characters[0]!) ? '' : `(?<!${WORD_CHARACTER})`;
  const after = SPACELESS.test(characters.at(-1)!) ? '' : `(?!${WORD_CHARACTER})`;
  return new RegExp(`${before}${escapeForRegExp(word)}${after}`, 'iu').test(text.normalize('NFKC'));
};
