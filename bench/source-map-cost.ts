// What source maps cost a cold start: each function's deployed bundle run with
// NODE_OPTIONS=--enable-source-maps and its map beside it, against the same bundle built without a
// map and run without the flag, in a fresh node per run, alternating which goes first.
import { buildDir, bundleHandler, TWINNED_FUNCTION_NAMES, type TwinnedFunctionName } from './bundling.ts';
import { type InitSample, measureInit, startSecretsManagerStub } from './cold-start.ts';
import { benchEnvironment } from './fixtures/environment.ts';
import { median, printTable, ratio } from './table.ts';

const PAIRS = 15;
const DEFAULT_FUNCTIONS: readonly TwinnedFunctionName[] = ['submit-complaint', 'store-complaint', 'supervisor-api', 'watch-escalation-slas'];

const ms = (value: number) => value.toFixed(1);

export const runSourceMapCost = async (pairs = PAIRS, names: readonly TwinnedFunctionName[] = DEFAULT_FUNCTIONS): Promise<void> => {
  const secretsManager = await startSecretsManagerStub();
  try {
    const rows: string[][] = [];
    for (const name of names) {
      const mapped = await bundleHandler(name, 'function', { outfile: `${buildDir}source-maps/with/${name}/index.mjs` });
      const plain = await bundleHandler(name, 'function', { outfile: `${buildDir}source-maps/without/${name}/index.mjs`, sourcemap: false });
      const withMaps: NodeJS.ProcessEnv = { ...process.env, ...benchEnvironment(name), AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url };
      const withoutMaps: NodeJS.ProcessEnv = { ...withMaps, NODE_OPTIONS: '' };
      const runs = { mapped: () => measureInit(mapped.outfile, withMaps), plain: () => measureInit(plain.outfile, withoutMaps) };
      await runs.mapped();
      await runs.plain();
      const samples: Record<keyof typeof runs, InitSample[]> = { mapped: [], plain: [] };
      for (let pair = 0; pair < pairs; pair++) {
        const order: (keyof typeof runs)[] = pair % 2 === 0 ? ['mapped', 'plain'] : ['plain', 'mapped'];
        for (const variant of order) samples[variant].push(await runs[variant]());
      }
      const importMs = (variant: keyof typeof runs) => samples[variant].map((sample) => sample.importMs);
      const paired = median(importMs('mapped').map((value, pair) => value / importMs('plain')[pair]!));
      rows.push([
        name,
        ms(median(importMs('mapped'))),
        ms(median(importMs('plain'))),
        ratio(paired),
        ms(median(importMs('mapped')) - median(importMs('plain'))),
      ]);
    }
    printTable(
      `Source maps: init (import of the bundle) in a fresh node per run, ${pairs} alternating pairs, medians in ms`,
      ['function', 'with map + flag', 'without', 'paired ratio', 'added ms'],
      rows,
    );
  } finally {
    await secretsManager.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !(TWINNED_FUNCTION_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Usage: source-map-cost.ts [function…]; unknown: ${unknown.join(', ')}`);
  await runSourceMapCost(PAIRS, names.length > 0 ? (names as TwinnedFunctionName[]) : DEFAULT_FUNCTIONS);
}
