/**
 * The value `record` holds under `key` as its own property, or `undefined`. A plain object also
 * answers to the names of `Object.prototype` (`constructor`, `__proto__`, `toString`, ...), so
 * a key that comes from data (a case's team or region, a path parameter) is looked up with this,
 * never with `record[key]` or `key in record`.
 *
 * @example
 * ```ts
 * ownValue(rules.teams, 'japan-support'); // { chain: [...] }
 * ownValue(rules.teams, 'constructor'); // undefined, unless the rules name such a team
 * ```
 */
export const ownValue = <Value>(record: Readonly<Record<string, Value>>, key: string | undefined): Value | undefined =>
  key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
