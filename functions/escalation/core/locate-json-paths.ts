/** A place in a text, both 1-based. */
export type TextPosition = { readonly line: number; readonly column: number };

const pathKey = (path: readonly PropertyKey[]) => JSON.stringify(path.map(String));

/**
 * Where each path of an already valid JSON text starts (an object member at its name, an array
 * element at its value), so a schema error can name the line. JSON.parse keeps no positions, and
 * a parser that does (jsonc-parser and the like) would be a dependency of the synth for this
 * alone; valid JSON needs only this small scanner. A member named twice is placed at its last
 * occurrence, the one JSON.parse keeps.
 *
 * @example
 * ```ts
 * locateJsonPaths('{\n  "a": [1, 2]\n}')(['a', 1]); // { line: 2, column: 12 }
 * ```
 */
export const locateJsonPaths = (text: string): ((path: readonly PropertyKey[]) => TextPosition) => {
  const offsets = new Map<string, number>();
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const readString = () => {
    const start = at;
    at += 1;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const readValue = (path: readonly PropertyKey[]) => {
    skipSpace();
    const opening = text[at];
    if (opening === '{' || opening === '[') {
      at += 1;
      for (let index = 0; ; index += 1) {
        skipSpace();
        if (text[at] === '}' || text[at] === ']') break;
        let member: PropertyKey = index;
        if (opening === '{') {
          const nameStart = at;
          member = readString();
          offsets.set(pathKey([...path, member]), nameStart);
          skipSpace();
          at += 1;
          skipSpace();
        } else {
          offsets.set(pathKey([...path, member]), at);
        }
        readValue([...path, member]);
        skipSpace();
        if (text[at] === ',') at += 1;
      }
      at += 1;
    } else if (opening === '"') {
      readString();
    } else {
      while (at < text.length && !',]} \t\n\r'.includes(text[at]!)) at += 1;
    }
  };
  skipSpace();
  offsets.set(pathKey([]), at);
  readValue([]);

  const positionOf = (offset: number): TextPosition => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  return (path) => {
    // A missing member is reported where its nearest existing parent starts.
    for (let length = path.length; length >= 0; length -= 1) {
      const offset = offsets.get(pathKey(path.slice(0, length)));
      if (offset !== undefined) return positionOf(offset);
    }
    return positionOf(0);
  };
};
