// Namespace import: esbuild then keeps only the validators used (about 14 KB instead of 430 KB).
import * as z from 'zod/mini';
import { hasVisibleText, isMultiLineText, isSingleLineText, isWellFormedText } from './text-rules.ts';

// Text is stored exactly as sent (no trimming, no normalisation), so these only refuse what
// cannot be stored faithfully or shown safely: control characters and broken Unicode.
const wellFormed = z.refine<string>(isWellFormedText, { message: 'Text must be valid Unicode.' });
const visible = z.refine<string>(hasVisibleText, { message: 'Text must not be blank.' });

// 1 to `max` characters of well-formed, visible text that passes `layoutRule`.
const text = (max: number, layoutRule: z.core.$ZodCheck<string>) => z.string().check(z.minLength(1), z.maxLength(max), wellFormed, visible, layoutRule);

const singleLine = z.refine<string>(isSingleLineText, { message: 'Text must not contain control characters or line breaks.' });
const multiLine = z.refine<string>(isMultiLineText, {
  message: 'Text must not contain control characters other than tabs and line breaks.',
});

/** A one-line text of 1 to `max` characters, e.g. a name or a product. */
export const singleLineText = (max: number) => text(max, singleLine);

/** A multi-line text of 1 to `max` characters; tabs and line breaks are kept. */
export const multiLineText = (max: number) => text(max, multiLine);

/** A BCP 47 language tag such as `en`, `ja` or `pt-BR`. */
export const localeTag = z.string().check(z.maxLength(35), z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Use a language tag such as "en" or "ja-JP".'));
