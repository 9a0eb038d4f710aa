// @ts-check
// The execution environment inside a worker thread. Plain JavaScript on purpose: Node 20 does not
// apply the tsx loader to worker threads, and without a loader each environment starts faster.
// The messages it exchanges are typed in host-function.ts.
import dns from 'node:dns';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const data = workerData;

// fauxqs names queues http://sqs.<region>.localhost:<port>/...; RFC 6761 makes every *.localhost
// name loopback, as macOS and systemd-resolved do, but glibc does not, so this environment does.
const systemLookup = dns.lookup;
/** @type {any} */ (dns).lookup = (/** @type {string} */ hostname, /** @type {any} */ options, /** @type {any} */ callback) => {
  if (!hostname.endsWith('.localhost')) return systemLookup(hostname, options, callback);
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all;
  process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
};
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

// As Lambda's Node.js runtime honours NODE_OPTIONS: a worker takes no process flags, so the one
// the functions set (stack frames mapped to their sources) is applied here before the bundle loads.
if (/(^|\s)--enable-source-maps(\s|$)/.test(process.env.NODE_OPTIONS ?? '')) process.setSourceMapsEnabled(true);

// The bundle is imported once per environment: its top level is the cold start, as on Lambda.
const initStart = performance.now();
const loaded = await import(pathToFileURL(data.modulePath).href);
const handler = loaded[data.handlerName];
if (typeof handler !== 'function') throw new Error(`${data.modulePath} does not export a function named ${data.handlerName}`);
port.postMessage({ type: 'ready', initMs: performance.now() - initStart });

port.on('message', (message) => void invoke(message));

/** @param {{ requestId: string; deadline: number; eventJson: string }} message */
async function invoke({ requestId, deadline, eventJson }) {
  const context = {
    awsRequestId: requestId,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: data.functionArn,
    memoryLimitInMB: String(data.memorySize),
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: `local/${process.pid}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    // JSON both ways: Lambda serialises events and results the same way.
    const result = await handler(JSON.parse(eventJson), context);
    port.postMessage({ type: 'result', requestId, resultJson: JSON.stringify(result ?? null) });
  } catch (error) {
    const errorType = error instanceof Error ? error.name : typeof error;
    const errorMessage = error instanceof Error ? error.message : String(error);
    // The Node.js runtime logs an invocation error like this before answering.
    const stack = error instanceof Error ? error.stack : undefined;
    console.error(JSON.stringify({ timestamp: new Date().toISOString(), level: 'ERROR', requestId, message: 'Invoke Error', errorType, errorMessage, stack }));
    port.postMessage({ type: 'error', requestId, errorType, errorMessage });
  }
}
