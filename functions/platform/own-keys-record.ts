import * as z from 'zod/mini';

// JSON.parse keeps a "__proto__" member as an own key, but a parsed zod record leaves it out
// without an issue (assigning it would replace the result's prototype instead of adding a key).
const withoutProtoKey = (input: unknown) => typeof input !== 'object' || input === null || !Object.hasOwn(input, '__proto__');

/**
 * `z.record(keyType, valueType)` for configuration keyed by names (teams, regions) that refuses a
 * `"__proto__"` key instead of dropping it unseen. The other names of `Object.prototype`
 * (`constructor`, `toString`) stay ordinary own keys; code looks them up with `Object.hasOwn`.
 *
 * @example
 * ```ts
 * const teams = ownKeysRecord(z.string(), teamSchema);
 * teams.safeParse(JSON.parse('{"__proto__": {}}')).success; // false
 * ```
 */
export const ownKeysRecord = <Key extends z.core.$ZodRecordKey, Value extends z.core.SomeType>(keyType: Key, valueType: Value) => {
  const record = z.record(keyType, valueType);
  return z.pipe(z.custom<z.input<typeof record>>(withoutProtoKey, { message: 'A name may not be "__proto__".', path: ['__proto__'] }), record);
};
