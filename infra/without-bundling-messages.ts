/** The line CDK's AssetStaging writes to stderr for every asset it bundles, with no option to silence it. */
const BUNDLING_MESSAGE = /^Bundling asset \S+\.\.\.\r?\n?$/;

/**
 * Runs `synthesize` with CDK's `Bundling asset <path>...` lines left out of stderr (23 functions
 * make 23 lines on every synthesis), unless `SYNTH_VERBOSE=1`. Anything else CDK or esbuild
 * writes (warnings, errors, the validation report) still shows. Hand-written: AssetStaging writes
 * the line with `process.stderr.write` unconditionally, so filtering that call is the only switch.
 *
 * @example
 * ```ts
 * withoutBundlingMessages(() => createPipelineApp().app.synth());
 * ```
 */
export function withoutBundlingMessages<T>(synthesize: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env['SYNTH_VERBOSE'] === '1') return synthesize();
  const write = process.stderr.write;
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && BUNDLING_MESSAGE.test(chunk)) return true;
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stderr.write;
  try {
    return synthesize();
  } finally {
    process.stderr.write = write;
  }
}
