import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AssetStaging } from 'aws-cdk-lib';
import { CloudAssembly, SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import type { CfnTemplate } from './cloudformation-template.ts';

/** Builds the CDK app; `createPipelineApp` from infra/ by default, a fixture app in tests. */
export type CreateApp = (props: { outdir: string }) => { app: { synth(): unknown } };

export interface SynthesizedTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** The cloud assembly directory, where the function bundles are staged. */
  readonly assemblyDir: string;
  /** True when the assembly of an earlier run was reused because the sources are unchanged. */
  readonly reused: boolean;
  /** The warning annotations of the synthesis, as `cdk synth` prints them. */
  readonly warnings: readonly string[];
}

/**
 * The warning annotations of every stack of the assembly (CDK keeps them in the stack's metadata),
 * as the CLI prints them after `cdk synth`; read from disk, so a reused assembly shows them too.
 */
const readSynthesisWarnings = (assemblyDir: string): string[] =>
  new CloudAssembly(assemblyDir).stacks.flatMap((stack) =>
    stack.messages
      .filter(({ level }) => level === SynthesisMessageLevel.WARNING)
      // addWarningV2 ends each message with ` [ack: <id>]`, for acknowledging it in code.
      .map(({ entry }) => String(entry.data).replace(/ \[ack: [^\]]*\]$/, '')),
  );

/**
 * Runs an in-process synthesis with what CDK writes to stderr held back (a `Bundling asset` line
 * per function, the validation report that repeats the warnings returned in `warnings`), and
 * written out only when the synthesis fails, or always with `SYNTH_VERBOSE=1`. esbuild runs
 * with `--log-level=warning`, so it prints only when something is wrong.
 */
const synthesizeQuietly = (synthesize: () => void): void => {
  if (process.env['SYNTH_VERBOSE'] === '1') {
    synthesize();
    return;
  }
  const write = process.stderr.write;
  const held: unknown[] = [];
  process.stderr.write = ((chunk: unknown) => {
    held.push(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    synthesize();
  } catch (error) {
    process.stderr.write = write;
    for (const chunk of held) process.stderr.write(chunk as string);
    throw error;
  } finally {
    process.stderr.write = write;
  }
};

/**
 * Synthesizes the CDK app in-process into `assemblyDir` and reads the stack template named in
 * its manifest.json. Several stacks are read as one (cross-stack imports are not resolved).
 * Given the `sourceFingerprint` of the app's sources, an assembly synthesized from the same
 * sources by an earlier run is reused: bundling is most of the start-up time.
 *
 * @example
 * const { template } = await synthesizeTemplate(createPipelineApp, '.data/cdk.out');
 */
export async function synthesizeTemplate(
  createApp: CreateApp,
  assemblyDir: string,
  options: { sourceFingerprint?: string; progress?: (line: string) => void } = {},
): Promise<SynthesizedTemplate> {
  const fingerprintFile = join(assemblyDir, 'source-fingerprint');
  const previous = await readFile(fingerprintFile, 'utf8').catch(() => undefined);
  const reused = options.sourceFingerprint !== undefined && previous === options.sourceFingerprint;
  if (!reused) {
    options.progress?.(
      options.sourceFingerprint === undefined || previous === undefined
        ? 'synthesizing the CDK app and bundling every function with esbuild (the first start takes longest)…'
        : 'sources changed since the last start: synthesizing and bundling the functions again…',
    );
    // Start clean so bundles of removed functions do not pile up in the assembly. CDK remembers
    // staged assets per process and would not stage them again into the emptied directory.
    await rm(assemblyDir, { recursive: true, force: true });
    AssetStaging.clearAssetHashCache();
    synthesizeQuietly(() => createApp({ outdir: assemblyDir }).app.synth());
    if (options.sourceFingerprint !== undefined) await writeFile(fingerprintFile, options.sourceFingerprint);
  }
  const manifest = JSON.parse(await readFile(join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const stacks = Object.entries(manifest.artifacts ?? {}).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
  if (stacks.length === 0) throw new Error(`The CDK app synthesized no stack into ${assemblyDir}`);
  const templates = await Promise.all(
    stacks.map(async ([stackName, artifact]) => {
      const file = join(assemblyDir, artifact.properties?.templateFile ?? `${stackName}.template.json`);
      return JSON.parse(await readFile(file, 'utf8')) as CfnTemplate;
    }),
  );
  return {
    stackName: stacks[0]![0],
    template: {
      Resources: Object.assign({}, ...templates.map((template) => template.Resources)),
      Parameters: Object.assign({}, ...templates.map((template) => template.Parameters ?? {})),
      Outputs: Object.assign({}, ...templates.map((template) => template.Outputs ?? {})),
    },
    assemblyDir,
    reused,
    warnings: readSynthesisWarnings(assemblyDir),
  };
}
