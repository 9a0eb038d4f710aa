import { build, type BuildOptions, type Metafile } from 'esbuild';
import { execSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlerEntryOf } from '../infra/function-handlers.ts';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
export const buildDir = fileURLToPath(new URL('.build/', import.meta.url));

/**
 * Every Lambda of the pipeline (one folder each in `functions/`); all but `route-not-found`, whose
 * bare twin would be an empty 404, have a bare twin in `bench/bare/`.
 */
export const FUNCTION_NAMES = [
  'submit-complaint',
  'complaint-status',
  'store-complaint',
  'submit-feedback',
  'store-feedback',
  'route-not-found',
  'authorize-integration',
  'rotate-signing-key',
  'record-case-resolution',
  'reopen-case',
  'list-survey-decisions',
  'start-campaign',
  'invite-campaign-chunk',
  'dispatch-invitations',
  'send-invitation-email',
  'record-delivery-events',
  'survey-page',
  'store-survey-answer',
  'unsubscribe',
  'supervisor-api',
  'accounts-api',
  'watch-escalation-slas',
  'send-notifications',
  'aggregate-feedback',
  'reports-api',
  'prepare-analytics-records',
  'console',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export const TWINNED_FUNCTION_NAMES = FUNCTION_NAMES.filter((name): name is Exclude<FunctionName, 'route-not-found'> => name !== 'route-not-found');
export type TwinnedFunctionName = (typeof TWINNED_FUNCTION_NAMES)[number];

export type Variant = 'function' | 'bare';

// Mirrors the `bundling` block of infra/constructs/pipeline-function.ts, i.e. what CDK
// NodejsFunction passes to the local esbuild: `--bundle --target=node24 --platform=node
// --format=esm --minify --main-fields=module,main --sourcemap --sources-content=false --banner:js=…`,
// no externals (the AWS SDK is bundled). Keep the two in step, or the figures stop describing the
// deployment. The functions run with NODE_OPTIONS=--enable-source-maps (benchEnvironment sets it).
export const pipelineBundleOptions = {
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  external: [],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
} as const satisfies BuildOptions;

export const entryOf = (name: TwinnedFunctionName | FunctionName, variant: Variant): string =>
  variant === 'function' ? handlerEntryOf(name) : `${projectRoot}bench/bare/${name}.ts`;

export const bundlePathOf = (name: FunctionName, variant: Variant): string => `${buildDir}${variant}/${name}/index.mjs`;

export interface BuiltBundle {
  readonly outfile: string;
  /** The bundle alone, `index.mjs`. */
  readonly bytes: number;
  /** Files the deployment ships beside the bundle (the console's browser files), the same for both variants. */
  readonly assetBytes: number;
  readonly metafile: Metafile;
}

/**
 * The console serves a browser bundle that its construct's afterBundling hook builds beside the
 * function's bundle; both variants read it from there, so it is built with the very commands the
 * construct runs. Imported only here: infra pulls in aws-cdk-lib.
 */
const buildConsoleAssets = async (outputDir: string): Promise<number> => {
  const { consoleBuildCommands } = await import('../infra/constructs/supervisor-console.ts');
  for (const command of consoleBuildCommands(outputDir)) execSync(command, { stdio: 'inherit' });
  const sizes = await Promise.all(['app.js', 'app.css'].map(async (file) => (await stat(`${outputDir}/console/${file}`)).size));
  return sizes.reduce((total, size) => total + size, 0);
};

/** Bundles one handler with the deployed options into `bench/.build/<variant>/<name>/index.mjs`. */
export const bundleHandler = async (name: FunctionName, variant: Variant, overrides: BuildOptions = {}): Promise<BuiltBundle> => {
  const outfile = overrides.outfile ?? bundlePathOf(name, variant);
  const result = await build({
    ...pipelineBundleOptions,
    ...overrides,
    entryPoints: [entryOf(name, variant)],
    outfile,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: projectRoot,
  });
  const assetBytes = name === 'console' ? await buildConsoleAssets(dirname(outfile)) : 0;
  return { outfile, bytes: (await stat(outfile)).size, assetBytes, metafile: result.metafile };
};

/** Bytes each package contributes to the output, e.g. `@aws-sdk/client-sqs`, `zod` or `(project)`. */
export const bytesByPackage = (metafile: Metafile): Map<string, number> => {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return totals;
};

const packageOf = (inputPath: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(inputPath);
  return match?.[1] ?? '(project)';
};
