import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { LambdaFunctionDefinition } from '../template/describe-functions.ts';
import { lambdaHeapLimits } from './lambda-environment.ts';

/** What lambda-worker.mjs receives to start an execution environment. */
interface LambdaWorkerData {
  readonly modulePath: string;
  readonly handlerName: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly memorySize: number;
}

interface InvocationMessage {
  readonly requestId: string;
  /** Epoch ms after which getRemainingTimeInMillis() is 0. */
  readonly deadline: number;
  readonly eventJson: string;
}

type WorkerReply =
  | { readonly type: 'ready'; readonly initMs: number }
  | { readonly type: 'result'; readonly requestId: string; readonly resultJson: string }
  | { readonly type: 'error'; readonly requestId: string; readonly errorType: string; readonly errorMessage: string };

export class InvocationError extends Error {
  readonly code = 'INVOCATION_ERROR';
  constructor(
    readonly functionName: string,
    message: string,
    readonly errorType = 'Error',
  ) {
    super(`${functionName}: ${message}`);
    this.name = 'InvocationError';
  }
}

export interface HostedFunction {
  readonly definition: LambdaFunctionDefinition;
  /** Runs one invocation; rejects with InvocationError when the handler throws, times out or crashes. */
  invoke(event: unknown): Promise<unknown>;
  /** Starts the first execution environment ahead of traffic; init errors are logged, not thrown. */
  warm(): Promise<void>;
  /** Waits for in-flight invocations, then terminates the workers. */
  stop(): Promise<void>;
}

export interface HostFunctionOptions {
  /** The resolved environment the worker sees as `process.env`. */
  readonly env: Record<string, string>;
  /** Receives the function's stdout and stderr (Powertools JSON logs, EMF metrics). */
  readonly logStream: Writable;
  readonly log: (line: string) => void;
  /**
   * Concurrent execution environments, started on demand as Lambda scales out. Measured under
   * local load: 2 queued accepts for seconds at 300 requests/s, 8 nearly halves that. @default 8
   */
  readonly maxWorkers?: number;
  /**
   * How long an environment's Init phase may run before it is stopped and its init retried within
   * the invocation. For tests only. @default {@link INIT_PHASE_LIMIT_MS}, Lambda's
   */
  readonly initPhaseLimitMs?: number;
}

/**
 * Lambda's limit on the Init phase of an on-demand execution environment: it runs apart from the
 * function's timeout, and an init not done within it is retried at the invocation, under the
 * function's timeout (Lambda execution environment lifecycle, "Init phase").
 */
const INIT_PHASE_LIMIT_MS = 10_000;

interface ExecutionEnvironment {
  readonly worker: Worker;
  readonly ready: Promise<number>;
  /** Resolves with the reason once the environment crashed, exited or timed out. */
  readonly retired: Promise<Error>;
  retire(reason: Error): void;
  busy: boolean;
  settle?: (reply: WorkerReply | Error) => void;
}

interface QueuedInvocation {
  readonly eventJson: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

const workerUrl = new URL('./lambda-worker.mjs', import.meta.url);

/**
 * Hosts one Lambda function in a small pool of worker threads, each an execution environment with
 * its own module state, serving one invocation at a time within the template's Timeout once its
 * Init phase (up to 10 s, apart from the Timeout, as on Lambda) is done.
 *
 * @example
 * const fn = hostFunction(definition, { env, logStream, log: console.log });
 * const result = await fn.invoke(event);
 */
export function hostFunction(definition: LambdaFunctionDefinition, options: HostFunctionOptions): HostedFunction {
  const maxWorkers = options.maxWorkers ?? 8;
  const environments: ExecutionEnvironment[] = [];
  const queue: QueuedInvocation[] = [];
  let idle: (() => void) | undefined;
  let stopping = false;
  const { functionName } = definition;

  // A crashed, exited or timed-out environment never serves again.
  const retire = (environment: ExecutionEnvironment, reason: Error): void => {
    const index = environments.indexOf(environment);
    if (index >= 0) environments.splice(index, 1);
    environment.settle?.(reason);
    environment.retire(reason);
  };

  /**
   * `init`: an environment started ahead of its invocation or for it, whose Init phase has its own
   * limit. `invoke`: Lambda's retry of a failed or overlong init, within an invocation whose
   * timeout it counts against.
   */
  const startEnvironment = (phase: 'init' | 'invoke' = 'init'): ExecutionEnvironment => {
    const initStarted = performance.now();
    const workerData: LambdaWorkerData = {
      modulePath: definition.modulePath,
      handlerName: definition.handlerName,
      functionName,
      functionArn: definition.arn,
      memorySize: definition.memorySize,
    };
    const worker = new Worker(workerUrl, {
      workerData,
      env: options.env,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: lambdaHeapLimits(definition.memorySize),
    });
    // Written through rather than piped: pipe() puts error, close, finish and unpipe listeners on
    // the one log stream every environment of the function shares, and eight environments' sixteen
    // pipes set off Node's MaxListenersExceededWarning at every busy start.
    const writeToLog = (chunk: Buffer): void => void options.logStream.write(chunk);
    worker.stdout.on('data', writeToLog);
    worker.stderr.on('data', writeToLog);
    let retireWith: (reason: Error) => void = () => undefined;
    const retired = new Promise<Error>((resolve) => (retireWith = resolve));
    const environment: ExecutionEnvironment = { worker, busy: false, ready: Promise.resolve(0), retired, retire: (reason) => retireWith(reason) };
    worker.on('message', (reply: WorkerReply) => environment.settle?.(reply));
    worker.on('error', (error) => {
      // Over the heap limit, Lambda reports Runtime.OutOfMemory; any other crash Runtime.ExitError.
      const errorType = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
      retire(environment, new InvocationError(functionName, `execution environment crashed: ${error.message}`, errorType));
    });
    worker.on('exit', (exitCode) =>
      retire(environment, new InvocationError(functionName, `execution environment exited with code ${exitCode}`, 'Runtime.ExitError')),
    );
    (environment as { ready: Promise<number> }).ready = new Promise<number>((resolve, reject) => {
      environment.settle = (reply) => {
        environment.settle = undefined;
        if (reply instanceof Error) reject(reply);
        else if (reply.type === 'ready') resolve(reply.initMs);
      };
    });
    if (phase === 'init') {
      const initPhaseLimitMs = options.initPhaseLimitMs ?? INIT_PHASE_LIMIT_MS;
      const initTimer = setTimeout(() => {
        retire(environment, new InvocationError(functionName, `init did not finish within ${initPhaseLimitMs / 1000} s`, 'Sandbox.Timedout'));
        void worker.terminate();
      }, initPhaseLimitMs);
      const initEnded = (): void => clearTimeout(initTimer);
      environment.ready.then(initEnded, (error: InvocationError) => {
        initEnded();
        if (stopping) return;
        // As Lambda reports a failed Init phase; an invocation waiting for it retries the init.
        const timedOut = error.errorType === 'Sandbox.Timedout';
        const status = timedOut ? 'timeout' : `error\tError Type: ${error.errorType}`;
        // A timed-out phase lasted its limit: libuv's timer clock counts whole milliseconds, so the
        // timer can fire a fraction before performance.now() says the limit has passed (299.99 ms of 300).
        const elapsed = performance.now() - initStarted;
        const duration = timedOut ? Math.max(elapsed, initPhaseLimitMs) : elapsed;
        options.logStream.write(`INIT_REPORT Init Duration: ${duration.toFixed(2)} ms\tPhase: init\tStatus: ${status}\n`);
      });
    }
    environment.ready.then(
      (initMs) => options.log(`${definition.logName}: cold start ${initMs.toFixed(0)} ms`),
      (error: Error) => options.log(`${definition.logName}: init failed: ${error.message}`),
    );
    environments.push(environment);
    return environment;
  };

  const run = async (assigned: ExecutionEnvironment, invocation: QueuedInvocation): Promise<void> => {
    let environment = assigned;
    // The Init phase, with its own limit, is not the invocation's: its clock starts once it is done.
    // An init that failed or overran it is retried now, and that retry counts against the timeout.
    const initFailed = await environment.ready.then(
      () => false,
      () => true,
    );
    if (initFailed) {
      environment = startEnvironment('invoke');
      environment.busy = true;
    }
    const requestId = randomUUID();
    const started = performance.now();
    const timeoutMs = definition.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    let timedOut = false;
    // Lambda stops a timed-out environment; the next invocation gets a fresh one.
    const timer = setTimeout(() => {
      timedOut = true;
      options.logStream.write(`${new Date().toISOString()} ${requestId} Task timed out after ${definition.timeoutSeconds.toFixed(2)} seconds\n`);
      retire(environment, new InvocationError(functionName, `Task timed out after ${definition.timeoutSeconds.toFixed(2)} seconds`, 'Sandbox.Timedout'));
      void environment.worker.terminate();
    }, timeoutMs);
    try {
      const reply = await Promise.race([
        environment.ready.then(
          () =>
            new Promise<WorkerReply | Error>((resolve) => {
              if (timedOut) return;
              environment.settle = (reply) => {
                environment.settle = undefined;
                resolve(reply);
              };
              options.logStream.write(`START RequestId: ${requestId} Version: $LATEST\n`);
              const message: InvocationMessage = { requestId, deadline, eventJson: invocation.eventJson };
              environment.worker.postMessage(message);
            }),
        ),
        // Settles when the timer or a crash retires the environment, during init or the invocation.
        new Promise<Error>((resolve) => environment.retired.then(resolve)),
      ]);
      const durationMs = performance.now() - started;
      options.logStream.write(
        `END RequestId: ${requestId}\nREPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${definition.memorySize} MB${timedOut ? '\tStatus: timeout' : ''}\n`,
      );
      if (reply instanceof Error) throw reply;
      if (reply.type === 'error') throw new InvocationError(functionName, reply.errorMessage, reply.errorType);
      if (reply.type === 'result') invocation.resolve(JSON.parse(reply.resultJson));
    } catch (error) {
      invocation.reject(error instanceof InvocationError ? error : new InvocationError(functionName, String(error)));
    } finally {
      clearTimeout(timer);
      environment.busy = false;
      dispatch();
    }
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const environment = environments.find((candidate) => !candidate.busy) ?? (environments.length < maxWorkers ? startEnvironment() : undefined);
      if (environment === undefined) return;
      environment.busy = true;
      void run(environment, queue.shift()!);
    }
    if (environments.every((environment) => !environment.busy)) idle?.();
  };

  return {
    definition,
    invoke: (event) =>
      new Promise((resolve, reject) => {
        queue.push({ eventJson: JSON.stringify(event), resolve, reject });
        dispatch();
      }),
    warm: async () => {
      if (environments.length > 0) return;
      await startEnvironment().ready.catch(() => undefined);
    },
    stop: async () => {
      if (queue.length > 0 || environments.some((environment) => environment.busy)) {
        await new Promise<void>((resolve) => (idle = resolve));
      }
      // An init cut short here is no failure to report (and the log may be closing).
      stopping = true;
      await Promise.all(environments.map((environment) => environment.worker.terminate()));
    },
  };
}
