import * as fc from 'fast-check';

/**
 * Every own property name of `Object.prototype` (`constructor`, `__proto__`, `toString`,
 * `hasOwnProperty`, `valueOf`, ...): the names that find something in a plain object that never
 * had them, so each one tests a lookup that forgot `Object.hasOwn`.
 */
export const OBJECT_PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

/**
 * One of {@link OBJECT_PROTOTYPE_NAMES}, for a keyed field of a property test.
 *
 * @example
 * fc.assert(fc.property(objectPrototypeName, (team) => ...), propertyRuns(100));
 */
export const objectPrototypeName: fc.Arbitrary<string> = fc.constantFrom(...OBJECT_PROTOTYPE_NAMES);

/** A prototype name or, to keep the rest of the input ordinary, nothing. */
export const maybeObjectPrototypeName: fc.Arbitrary<string | undefined> = fc.option(objectPrototypeName, { nil: undefined });
