import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const shared = join(dirname(fileURLToPath(import.meta.url)), '../../functions/shared');

// The arrows of functions/shared go one way: contracts know nothing of ours, the core knows the
// contracts, and only the HTTP layer knows HTTP. Top-level files (observability, runtime-config)
// are composition helpers the edges may use.
const allowed: Record<string, readonly string[]> = {
  contracts: ['contracts'],
  core: ['core', 'contracts'],
  adapters: ['adapters', 'core'],
  http: ['http', 'core', 'contracts', '.'],
  queue: ['queue', 'contracts', '.'],
};

// A layer may have subfolders (core/escalation); an import's layer is its top folder.
const sourcesOf = (folder: string) => readdirSync(join(shared, folder), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

const importsOf = (folder: string) =>
  sourcesOf(folder).flatMap((file) =>
    [...readFileSync(join(shared, folder, file), 'utf8').matchAll(/from '(\.[^']+)'/g)].map(([, target]) => ({
      file: `${folder}/${file}`,
      layer: dirname(relative(shared, join(shared, folder, dirname(file), target!))).split('/')[0]!,
    })),
  );

describe('the import arrows of functions/shared', () => {
  it.each(Object.entries(allowed))('let %s import only %j', (folder, layers) => {
    expect(importsOf(folder).filter(({ layer }) => !layers.includes(layer))).toEqual([]);
  });

  it('keep HTTP status codes out of the core', () => {
    const core = sourcesOf('core').map((file) => readFileSync(join(shared, 'core', file), 'utf8'));
    expect(core.filter((source) => /statusCode|\b(4\d\d|5\d\d)\b(?!\s*\*)/.test(source))).toEqual([]);
  });
});
