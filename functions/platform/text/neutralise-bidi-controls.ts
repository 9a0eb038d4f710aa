// The embeddings, overrides and isolates of the Unicode Bidirectional Algorithm (UAX #9): each
// changes how the text after it is ordered on screen until its terminator, or the line's end.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text as it must be shown to a person (a page, the console, a CSV cell): every bidirectional
 * embedding, override or isolate, which multi-line fields keep as data, is replaced by a visible
 * `<U+202E>` marker, so a comment cannot reorder what is shown after it or make itself read
 * differently from what it is.
 *
 * @example
 * ```ts
 * neutraliseBidiControls('invoice \u202Efdp.exe'); // 'invoice <U+202E>fdp.exe'
 * ```
 */
export const neutraliseBidiControls = (text: string): string =>
  text.replace(BIDI_CONTROLS, (control) => `<U+${control.codePointAt(0)!.toString(16).toUpperCase()}>`);
