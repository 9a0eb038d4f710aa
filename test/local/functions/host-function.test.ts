import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hostFunction, InvocationError, type HostedFunction } from '../../../local/functions/host-function.ts';
import { lambdaEnvironment } from '../../../local/functions/lambda-environment.ts';
import type { LambdaFunctionDefinition } from '../../../local/template/describe-functions.ts';

const modulePath = fileURLToPath(new URL('../fixtures/functions/report-environment/index.mjs', import.meta.url));

const aDefinition = (overrides: Partial<LambdaFunctionDefinition> = {}): LambdaFunctionDefinition => ({
  logicalId: 'ReportEnvironment',
  functionName: 'report-environment',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:report-environment',
  modulePath,
  handlerName: 'handler',
  timeoutSeconds: 1,
  memorySize: 256,
  runtime: 'nodejs24.x',
  logName: 'report-environment',
  environment: {},
  ...overrides,
});

describe('hostFunction', () => {
  let hosted: HostedFunction | undefined;
  let logText = '';

  const host = (
    definition: LambdaFunctionDefinition,
    { maxWorkers = 1, initPhaseLimitMs, env = {} }: { maxWorkers?: number; initPhaseLimitMs?: number; env?: Record<string, string> } = {},
  ): HostedFunction => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (logText += chunk.toString('utf8')));
    hosted = hostFunction(definition, { env: { ...lambdaEnvironment(definition), ...env }, logStream, log: () => undefined, maxWorkers, initPhaseLimitMs });
    return hosted;
  };
  const slowInit = fileURLToPath(new URL('../fixtures/functions/slow-first-init/index.mjs', import.meta.url));

  afterEach(async () => {
    await hosted?.stop();
    hosted = undefined;
    logText = '';
  });

  it('gives the handler the runtime, memory size and time zone Lambda sets', async () => {
    const fn = host(aDefinition());

    const result = await fn.invoke({});

    expect(result).toMatchObject({
      env: { TZ: ':UTC', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' },
      localHour: 12,
    });
  });

  it.each([128, 256, 1024])('limits the heap of a %i MB function as Lambda does', async (memorySize) => {
    const fn = host(aDefinition({ memorySize }));

    const { heapLimitMb } = (await fn.invoke({})) as { heapLimitMb: number };

    // heap_size_limit is the old space (memory less a tenth) plus the young generation, whose
    // semi-spaces V8 rounds up to a power of two; unlimited, a worker gets gigabytes.
    const oldSpaceMb = memorySize - Math.floor(memorySize / 10);
    expect(heapLimitMb).toBeGreaterThanOrEqual(oldSpaceMb);
    expect(heapLimitMb).toBeLessThan(memorySize * 1.2);
  });

  it('stops a handler that runs past its timeout, reports Sandbox.Timedout and replaces the environment', async () => {
    // Prepare: a warm environment that has served one invocation.
    const fn = host(aDefinition({ timeoutSeconds: 1 }));
    expect(await fn.invoke({})).toMatchObject({ invocations: 1 });

    // Act
    const timedOut = fn.invoke({ sleepMs: 30_000 });

    // Assess
    await expect(timedOut).rejects.toBeInstanceOf(InvocationError);
    await expect(timedOut).rejects.toMatchObject({ errorType: 'Sandbox.Timedout', message: 'report-environment: Task timed out after 1.00 seconds' });
    expect(logText).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z [0-9a-f-]{36} Task timed out after 1\.00 seconds$/m);
    expect(logText).toMatch(/^REPORT RequestId: [0-9a-f-]{36}\s.*Status: timeout$/m);
    expect(await fn.invoke({})).toMatchObject({ invocations: 1 });
  });

  it('writes the logs of eight environments to one stream without a MaxListenersExceededWarning', async () => {
    // Prepare: Node warns once more than ten listeners of one event are on one emitter.
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const fn = host(aDefinition({ timeoutSeconds: 10 }), { maxWorkers: 8 });

      // Act: eight invocations at once, each holding its environment, so eight start.
      const results = (await Promise.all(Array.from({ length: 8 }, () => fn.invoke({ sleepMs: 500 })))) as { invocations: number }[];
      await new Promise((resolve) => setImmediate(resolve));

      // Assess: eight environments served (each its first invocation), and no warning was emitted.
      expect(results.map((result) => result.invocations)).toEqual(Array(8).fill(1));
      expect(logText.match(/^START RequestId/gm)).toHaveLength(8);
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map(String)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('gives a cold start its own Init phase: an init longer than the function’s timeout still serves the invocation', async () => {
    // Lambda limits the Init phase of an on-demand environment to 10 s, apart from the function's timeout.
    const fn = host(aDefinition({ timeoutSeconds: 1, modulePath: slowInit }), { env: { INIT_DELAY_MS: '2000' } });

    expect(await fn.invoke({})).toEqual({ invocations: 1, slowInit: true });
  });

  it('retries an init that overruns its Init phase within the invocation, under the function’s timeout', async () => {
    // Prepare: the first init takes 5 s, past a 300 ms Init phase; the retry is quick.
    const marker = join(await mkdtemp(join(tmpdir(), 'slow-first-init-')), 'initialised');
    const fn = host(aDefinition({ timeoutSeconds: 1, modulePath: slowInit }), {
      initPhaseLimitMs: 300,
      env: { INIT_DELAY_MS: '5000', FIRST_INIT_MARKER: marker },
    });

    // Act
    const result = await fn.invoke({});

    // Assess: served by the retried init, with Lambda's INIT_REPORT for the one that timed out.
    expect(result).toEqual({ invocations: 1, slowInit: false });
    expect(logText).toMatch(/^INIT_REPORT Init Duration: 3\d\d\.\d\d ms\tPhase: init\tStatus: timeout$/m);
  });

  it('ends an invocation whose init never finishes with Sandbox.Timedout: the Init phase, then its retry under the function’s timeout', async () => {
    const fn = host(aDefinition({ timeoutSeconds: 1, modulePath: fileURLToPath(new URL('../fixtures/functions/hang-at-init/index.mjs', import.meta.url)) }), {
      initPhaseLimitMs: 300,
    });

    const invocation = fn.invoke({});

    await expect(invocation).rejects.toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(logText).toMatch(/^INIT_REPORT Init Duration: 3\d\d\.\d\d ms\tPhase: init\tStatus: timeout$/m);
    expect(logText).toMatch(/Task timed out after 1\.00 seconds$/m);
  });
});
