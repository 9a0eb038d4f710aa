import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const shared = join(dirname(fileURLToPath(import.meta.url)), '../../functions/shared');

// The arrows of functions/shared go one way: contracts know nothing of ours, the core knows the
// contracts, and only the HTTP layer knows HTTP. Top-level files (logger, metrics, runtime-config)
// are composition helpers the edges may use.
const allowed: Record<string, readonly string[]> = {
  contracts: ['contracts'],
  core: ['core', 'contracts'],
  adapters: ['adapters', 'core'],
  http: ['http', 'core', 'contracts', '.'],
  queue: ['queue', 'contracts', '.'],
};

// Every source file under a layer, subfolders included (core/surveys is still the core).
const sourcesOf = (folder: string) =>
  readdirSync(join(shared, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));

// A layer is the first folder under functions/shared; top-level files are the layer '.'.
const layerOf = (path: string) => (path.includes(sep) ? path.split(sep)[0]! : '.');

const importsOf = (folder: string) =>
  sourcesOf(folder).flatMap((file) =>
    [...readFileSync(join(shared, file), 'utf8').matchAll(/from '(\.[^']+)'/g)].map(([, target]) => ({
      file,
      layer: layerOf(relative(shared, join(shared, dirname(file), target!))),
    })),
  );

describe('the import arrows of functions/shared', () => {
  it.each(Object.entries(allowed))('let %s import only %j', (folder, layers) => {
    expect(importsOf(folder).filter(({ layer }) => !layers.includes(layer))).toEqual([]);
  });

  it('keep HTTP status codes out of the core', () => {
    const core = sourcesOf('core').map((file) => readFileSync(join(shared, file), 'utf8'));
    expect(core.filter((source) => /statusCode|\b(4\d\d|5\d\d)\b(?!\s*\*)/.test(source))).toEqual([]);
  });
});
