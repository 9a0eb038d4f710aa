/**
 * The path of the first member named twice in one object of `json`, or `undefined`. `json`
 * must already have passed `JSON.parse`. `JSON.parse` keeps the last of two equal names without
 * a word, while other parsers keep the first or refuse: a body two components read differently
 * is how request smuggling starts, so such bodies are refused. No kept npm parser reports
 * duplicates without replacing `JSON.parse` (and adding to every bundle), hence this one linear
 * pass over text already known to be valid JSON. Names are compared after unescaping, so
 * `"a"` and `"\u0061"` are the same member.
 *
 * @example
 * ```ts
 * findDuplicateKey('{"email":"a@x","email":"b@x"}'); // 'email'
 * findDuplicateKey('{"a":[{"b":1},{"b":2}]}');      // undefined (two objects, one name each)
 * ```
 */
export const findDuplicateKey = (json: string): string | undefined => {
  // One frame per open object (its names so far, and the name being read) or array (the index).
  const frames: ({ names: Set<string>; current: string } | { index: number })[] = [];
  // A string is a member name when it follows `{` or `,` directly inside an object.
  let previous = 0;
  for (let i = 0; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09) continue;
    if (char === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      // Bounded by the length too, so text that is not JSON after all cannot loop forever.
      for (i++; i < json.length && json.charCodeAt(i) !== 0x22; i++) {
        if (json.charCodeAt(i) === 0x5c /* \ */) {
          escaped = true;
          i++;
        }
      }
      const frame = frames.at(-1);
      if (frame !== undefined && 'names' in frame && (previous === 0x7b || previous === 0x2c)) {
        const name = escaped ? (JSON.parse(json.slice(start, i + 1)) as string) : json.slice(start + 1, i);
        if (frame.names.has(name)) return pathOf(frames, name);
        frame.names.add(name);
        frame.current = name;
      }
    } else if (char === 0x7b /* { */) {
      frames.push({ names: new Set(), current: '' });
    } else if (char === 0x5b /* [ */) {
      frames.push({ index: 0 });
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      frames.pop();
    } else if (char === 0x2c /* , */) {
      const frame = frames.at(-1);
      if (frame !== undefined && 'index' in frame) frame.index++;
    }
    previous = char;
  }
  return undefined;
};

const pathOf = (frames: readonly ({ current: string } | { index: number })[], name: string): string =>
  [...frames.slice(0, -1).map((frame) => ('index' in frame ? String(frame.index) : frame.current)), name].join('.');
