import { neutraliseBidiControls } from '../text/neutralise-bidi-controls.ts';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML element content and quoted attribute values: markup characters become
 * entities, and bidirectional controls become visible `<U+202E>` markers, so stored text can
 * neither inject markup nor reorder the words around it.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"hi"</b>'); // '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;'
 * ```
 */
export const escapeHtml = (text: string): string => neutraliseBidiControls(text).replace(/[&<>"']/g, (character) => ENTITIES[character]!);
