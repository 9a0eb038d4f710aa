import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/*
 * Who may import what. A file's place is its layer:
 *
 * - functions/platform/...                  platform (HTTP, queues, settings, logging, text, pages, single table)
 * - functions/<feature>/contracts|messages|core|adapters|pages|settings|wiring/...   that layer of the feature
 * - functions/<feature>/<function>/...      function (a handler and its helpers: wiring only)
 * - functions/console/*.ts                  function (a feature that is one function)
 * - web/ infra/ local/ docs/ bench/ test/   themselves (test/ only as a target: benchmarks reuse fixtures)
 *
 * "own" is the importing file's feature, "other" any other feature; a function folder may not
 * import another function's folder. Packages: "none" allows only node: built-ins, "any" anything.
 */
type Scope = 'own' | 'other' | 'any';
type Layer =
  | 'platform'
  | 'contracts'
  | 'messages'
  | 'core'
  | 'adapters'
  | 'pages'
  | 'settings'
  | 'wiring'
  | 'function'
  | 'web'
  | 'infra'
  | 'local'
  | 'docs'
  | 'bench'
  | 'test';
const ALL_FEATURE_LAYERS = ['contracts', 'messages', 'core', 'adapters', 'pages', 'settings', 'wiring', 'function'] as const;
const PURE = ['zod'];

// from:       [ours it may import,                                                                        packages it may import]
const RULES: Record<Layer, readonly [readonly `${Scope}:${string}`[], readonly string[] | 'any']> = {
  platform: [['any:platform'], 'any'],
  contracts: [['own:contracts', 'any:platform'], PURE],
  messages: [['own:messages', 'own:contracts'], []],
  core: [['own:contracts', 'own:messages', 'own:core', 'other:contracts', 'other:core', 'any:platform'], PURE],
  adapters: [['own:contracts', 'own:core', 'own:adapters', 'other:contracts', 'other:core', 'any:platform'], 'any'],
  pages: [['own:contracts', 'own:messages', 'own:core', 'own:pages', 'other:contracts', 'other:core', 'any:platform'], []],
  settings: [['own:contracts', 'own:core', 'own:settings', 'any:platform'], PURE],
  wiring: [
    [
      'own:contracts',
      'own:messages',
      'own:core',
      'own:adapters',
      'own:pages',
      'own:settings',
      'own:wiring',
      'other:contracts',
      'other:core',
      'other:adapters',
      'other:settings',
      'any:platform',
    ],
    'any',
  ],
  function: [[...ALL_FEATURE_LAYERS.filter((layer) => layer !== 'function').map((layer) => `any:${layer}` as const), 'own:function', 'any:platform'], 'any'],
  web: [['any:web', 'any:contracts', 'any:messages', 'any:platform'], []],
  infra: [['any:infra', 'any:contracts', 'any:core', 'any:settings', 'any:platform', 'any:local'], 'any'],
  // local/ also acts as the operator (seeding a directory, an admin command): through the adapters, as the functions do.
  local: [['any:local', 'any:infra', 'any:contracts', 'any:core', 'any:settings', 'any:adapters', 'any:platform'], 'any'],
  docs: [['any:docs', 'any:contracts', 'any:platform'], 'any'],
  // Tests are not checked here (they may reach anything); benchmarks reuse their fixtures.
  test: [[], 'any'],
  bench: [['any:bench', 'any:test', 'any:infra', 'any:local', ...ALL_FEATURE_LAYERS.map((layer) => `any:${layer}` as const), 'any:platform'], 'any'],
};

interface Place {
  readonly layer: Layer;
  readonly feature?: string;
  /** The function folder, for `function` files. */
  readonly folder?: string;
}

const FEATURE_LAYERS = new Set<string>(['contracts', 'messages', 'core', 'adapters', 'pages', 'settings', 'wiring']);

const placeOf = (path: string): Place | undefined => {
  const parts = path.split(sep);
  if (parts[0] === 'functions') {
    if (parts[1] === 'platform') return { layer: 'platform' };
    const feature = parts[1]!;
    if (parts.length === 3) return { layer: 'function', feature, folder: feature };
    if (FEATURE_LAYERS.has(parts[2]!)) return { layer: parts[2] as Layer, feature };
    return { layer: 'function', feature, folder: `${feature}/${parts[2]}` };
  }
  if (['web', 'infra', 'local', 'docs', 'bench', 'test'].includes(parts[0]!)) return { layer: parts[0] as Layer };
  return undefined;
};

const sourcesUnder = (folder: string) =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mts)$/.test(file) && !file.includes('node_modules'))
    .map((file) => join(folder, file));

const SOURCES = ['functions', 'web', 'infra', 'local', 'docs', 'bench'].flatMap(sourcesUnder);
// TypeScript's own scanner finds every import, export-from and import(): a regex took the words
// `from: detail('from'), to: detail('to')` for an import of "), to: detail(".
const specifiersOf = (text: string): string[] => ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

/** Whether a file placed at `from` may import one placed at `to`, by the table. */
const mayImport = (from: Place, to: Place): boolean => {
  if (to.layer === 'function' && from.layer === 'function' && to.folder !== from.folder) return false;
  const scope = to.feature === undefined ? 'any' : to.feature === from.feature ? 'own' : 'other';
  return RULES[from.layer][0].some((rule) => {
    const [ruleScope, ruleLayer] = rule.split(':') as [Scope, string];
    return ruleLayer === to.layer && (ruleScope === 'any' || ruleScope === scope);
  });
};

/** Every import that breaks the table: `file -> what it imports (why)`. */
const violations = (): string[] =>
  SOURCES.flatMap((file) => {
    const from = placeOf(file)!;
    const packages = RULES[from.layer][1];
    return specifiersOf(readFileSync(join(root, file), 'utf8')).flatMap((specifier) => {
      if (!specifier!.startsWith('.')) {
        if (specifier!.startsWith('node:') || packages === 'any' || packages.includes(packageOf(specifier!))) return [];
        return [`${file} -> ${specifier} (package not allowed in ${from.layer})`];
      }
      const to = placeOf(relative(root, join(root, normalize(join(dirname(file), specifier!)))));
      if (to === undefined) return [`${file} -> ${specifier} (outside the sources)`];
      return mayImport(from, to)
        ? []
        : [
            `${file} -> ${specifier} (${from.layer} may not import ${to.feature === undefined ? '' : to.feature === from.feature ? 'own ' : "another feature's "}${to.layer})`,
          ];
    });
  });

describe('the import arrows', () => {
  it('follow the table: contracts → core → adapters within a feature, features through each other’s core, handlers as wiring', () => {
    expect(violations()).toEqual([]);
  });

  it('place every source file', () => {
    expect(SOURCES.filter((file) => placeOf(file) === undefined)).toEqual([]);
    expect(SOURCES.length).toBeGreaterThan(300);
  });

  it('keep HTTP status codes out of the core', () => {
    const core = SOURCES.filter((file) => placeOf(file)?.layer === 'core');
    expect(core.filter((file) => /statusCode|\b(4\d\d|5\d\d)\b(?!\s*\*)/.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  // The table itself: a rule that points back would let a cycle in.
  it.each([
    ['platform', 'functions/platform/http/x.ts', 'functions/surveys/core/y.ts'],
    ['contracts', 'functions/surveys/contracts/x.ts', 'functions/surveys/core/y.ts'],
    ['core', 'functions/surveys/core/x.ts', 'functions/surveys/adapters/y.ts'],
    ['core', 'functions/surveys/core/x.ts', 'functions/escalation/adapters/y.ts'],
    ['adapters', 'functions/intake/adapters/x.ts', 'functions/escalation/adapters/y.ts'],
    ['function', 'functions/intake/submit-complaint/x.ts', 'functions/intake/store-complaint/y.ts'],
    ['web', 'web/console/browser/x.ts', 'functions/escalation/core/y.ts'],
  ])('refuse %s importing %s -> %s', (_layer, from, to) => {
    expect(mayImport(placeOf(from.replaceAll('/', sep))!, placeOf(to.replaceAll('/', sep))!)).toBe(false);
  });
});
