// Init cost of each function against its bare twin (DESIGN.md, "Lean functions": within 1.25x):
// a fresh `node` per run imports the deployed-style bundle, paired runs alternate which goes first.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { bundleHandler, TWINNED_FUNCTION_NAMES, type TwinnedFunctionName, type Variant } from './bundling.ts';
import { benchEnvironment, SIGNING_KEY, SIGNING_KEY_SECRET_ARN } from './fixtures/environment.ts';
import { median, printTable, ratio } from './table.ts';

const PAIRS = 15;
const RESULT_MARKER = 'COLD-START-RESULT ';

// The child: performance.now() counts from the process's time origin (process start), so the
// value after the import is "start to module evaluated", top-level await included.
const CHILD_SOURCE = `
const beforeImport = performance.now();
await import(process.argv[1]);
const evaluated = performance.now();
process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify({ beforeImport, evaluated }) + '\\n');
process.exit(0);
`;

export interface InitSample {
  /** Process start to the bundle's module evaluated, per the child's own clock. */
  readonly startToEvaluatedMs: number;
  /** `await import(bundle)` alone. */
  readonly importMs: number;
  /** spawn to exit, as the parent sees it (node bootstrap and teardown included). */
  readonly processWallMs: number;
}

/**
 * Answers GetSecretValue the way Secrets Manager does (AWS JSON 1.1), so the handlers' module-scope
 * `await` of the signing key completes without the network.
 */
export const startSecretsManagerStub = async (): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'UnknownOperationException', message: 'Only GetSecretValue is stubbed.' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          ARN: SIGNING_KEY_SECRET_ARN,
          Name: 'link-signing-key',
          SecretString: SIGNING_KEY,
          VersionId: '00000000-0000-4000-8000-000000000000',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1764089520,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export const measureInit = (bundlePath: string, env: NodeJS.ProcessEnv): Promise<InitSample> =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SOURCE, pathToFileURL(bundlePath).href], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const processWallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`Init of ${bundlePath} failed (exit ${code}):\n${stderr}${stdout}`));
        return;
      }
      const { beforeImport, evaluated } = JSON.parse(line.slice(RESULT_MARKER.length)) as {
        beforeImport: number;
        evaluated: number;
      };
      resolve({ startToEvaluatedMs: evaluated, importMs: evaluated - beforeImport, processWallMs });
    });
  });

const ms = (value: number) => value.toFixed(1);

export const runColdStart = async (pairs: number = PAIRS, names: readonly TwinnedFunctionName[] = TWINNED_FUNCTION_NAMES): Promise<void> => {
  const secretsManager = await startSecretsManagerStub();
  try {
    const rows: string[][] = [];
    for (const name of names) {
      const bundles: Record<Variant, string> = {
        function: (await bundleHandler(name, 'function')).outfile,
        bare: (await bundleHandler(name, 'bare')).outfile,
      };
      const env = { ...process.env, ...benchEnvironment(name), AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url };
      // One discarded run each, so both start from a warm file cache.
      await measureInit(bundles.function, env);
      await measureInit(bundles.bare, env);

      const samples: Record<Variant, InitSample[]> = { function: [], bare: [] };
      for (let pair = 0; pair < pairs; pair++) {
        // Alternate which goes first, so neither always inherits the other's cache or CPU state.
        const order: Variant[] = pair % 2 === 0 ? ['function', 'bare'] : ['bare', 'function'];
        for (const variant of order) samples[variant].push(await measureInit(bundles[variant], env));
      }
      rows.push(summarise(name, samples));
    }
    printTable(
      `Cold start: init in a fresh node per run, ${pairs} alternating pairs, medians in ms (budget: function/bare <= 1.25x)`,
      ['function', 'start->evaluated fn', 'bare', 'paired ratio', 'import() fn', 'bare', 'paired ratio', 'process wall fn', 'bare', 'paired ratio'],
      rows,
    );
    console.log(
      'start->evaluated: performance.now() in the child after `await import(bundle)` (time origin = process start),\n' +
        'import(): the import alone, top-level await of GetSecretValue against a local stub included;\n' +
        'process wall: spawn to exit seen by the parent. Paired ratio: median of per-pair function/bare.',
    );
  } finally {
    await secretsManager.close();
  }
};

const summarise = (name: TwinnedFunctionName, samples: Record<Variant, InitSample[]>): string[] => {
  const columns = (pick: (sample: InitSample) => number) => {
    const fn = samples.function.map(pick);
    const bare = samples.bare.map(pick);
    return [ms(median(fn)), ms(median(bare)), ratio(median(fn.map((value, pair) => value / bare[pair]!)))];
  };
  return [name, ...columns((sample) => sample.startToEvaluatedMs), ...columns((sample) => sample.importMs), ...columns((sample) => sample.processWallMs)];
};

// `npm run bench:cold-start -- [--pairs=<n>] [function…]`: a recheck of a few functions with more pairs.
const parseArguments = (args: readonly string[]) => {
  const pairs = Number(args.find((arg) => arg.startsWith('--pairs='))?.slice('--pairs='.length) ?? PAIRS);
  const wanted = args.filter((arg) => !arg.startsWith('--'));
  const unknown = wanted.filter((name) => !(TWINNED_FUNCTION_NAMES as readonly string[]).includes(name));
  if (!Number.isInteger(pairs) || pairs < 1 || unknown.length > 0)
    throw new Error(`Usage: cold-start.ts [--pairs=<n>] [function…]; unknown: ${unknown.join(', ')}`);
  return { pairs, names: wanted.length > 0 ? (wanted as TwinnedFunctionName[]) : TWINNED_FUNCTION_NAMES };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { pairs, names } = parseArguments(process.argv.slice(2));
  await runColdStart(pairs, names);
}
