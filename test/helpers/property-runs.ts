import type * as fc from 'fast-check';

// One fixed seed for every property, so a run is reproducible; FC_SEED=<n> explores another.
// On failure fast-check prints the seed and the path of the shrunk counterexample
// ("seed: 20261125, path: 12:3:0"), which replay it.
const SEED = Number(process.env.FC_SEED ?? 20_261_125);

/**
 * The settings of one property: the shared seed and how many cases to run.
 *
 * @example
 * fc.assert(fc.property(fc.string(), (text) => ...), propertyRuns(500));
 */
export const propertyRuns = <Value = unknown>(numRuns: number): fc.Parameters<Value> => ({ seed: SEED, numRuns });
