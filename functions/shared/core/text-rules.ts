// Control characters break CSV exports, terminals and log parsers and have no place in what a
// person types; line breaks and tabs are allowed where a text is multi-line. The noncharacters
// U+FFFE and U+FFFF are refused too: no keyboard makes them, and XML-based tools (SQS among them)
// reject them.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/u;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/u;

/** True when `text` has no control characters at all. */
export const isSingleLineText = (text: string): boolean => !SINGLE_LINE_FORBIDDEN.test(text);

/** True when `text` has no control characters other than tab, line feed and carriage return. */
export const isMultiLineText = (text: string): boolean => !MULTI_LINE_FORBIDDEN.test(text);

/**
 * True when `text` is valid Unicode (no lone surrogates), so it round-trips through UTF-8
 * storage exactly; DynamoDB would otherwise store U+FFFD in its place.
 */
export const isWellFormedText = (text: string): boolean => text.isWellFormed();

/** True when `text` has at least one character that is not white space. */
export const hasVisibleText = (text: string): boolean => /\S/u.test(text);
