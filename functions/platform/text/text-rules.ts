// Control characters break CSV exports, terminals and log parsers and have no place in what a
// person types; line breaks and tabs are allowed where a text is multi-line. The noncharacters
// U+FFFE and U+FFFF are refused too: no keyboard makes them, and XML-based tools (SQS among them)
// reject them. One-line fields (names, ids, products, URLs) also refuse the bidirectional
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): nobody needs them in a
// name, and they can make a value read differently from what it is ("Trojan Source").
// Multi-line free text keeps them as data, because right-to-left writers may use them; every
// place that shows such text to a person passes it through `neutraliseBidiControls`.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/u;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/u;

// Visible means: not white space, not default-ignorable (zero-width spaces and joiners, U+3164
// HANGUL FILLER, variation selectors…), not a format character (U+FEFF, bidi controls, tags), and
// not a control character. Defined by Unicode properties, so the engine's Unicode data decides
// rather than a hand list that misses U+2060 or U+3164.
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]/u;

/** True when `text` has no control characters, line breaks or bidirectional controls. */
export const isSingleLineText = (text: string): boolean => !SINGLE_LINE_FORBIDDEN.test(text);

/** True when `text` has no control characters other than tab, line feed and carriage return. */
export const isMultiLineText = (text: string): boolean => !MULTI_LINE_FORBIDDEN.test(text);

/**
 * True when `text` is valid Unicode (no lone surrogates), so it round-trips through UTF-8
 * storage exactly; DynamoDB would otherwise store U+FFFD in its place.
 */
export const isWellFormedText = (text: string): boolean => text.isWellFormed();

/**
 * True when `text` has at least one character a person can see: `"\u200b\u200b"`, U+2060 or
 * U+3164 alone are blank.
 *
 * @example
 * ```ts
 * hasVisibleText('\u200b\u3164 '); // false
 * hasVisibleText(' a ');           // true
 * ```
 */
export const hasVisibleText = (text: string): boolean => VISIBLE.test(text);
