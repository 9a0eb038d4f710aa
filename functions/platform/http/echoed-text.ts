import { MAX_ECHOED_CHARS } from './request-limits.ts';

/**
 * What an error message may repeat of the caller's input (a field name, a content type, a path):
 * at most {@link MAX_ECHOED_CHARS} characters, so a 32,000-character key cannot be echoed whole.
 * Cut on code points, so the result stays well-formed.
 *
 * @example
 * ```ts
 * echoedText('x'.repeat(32_000)); // 'xxx…x…' (64 characters and an ellipsis)
 * ```
 */
export const echoedText = (text: string): string => {
  const codePoints = [...text.slice(0, MAX_ECHOED_CHARS * 2)];
  return codePoints.length > MAX_ECHOED_CHARS ? `${codePoints.slice(0, MAX_ECHOED_CHARS).join('')}…` : codePoints.join('');
};
