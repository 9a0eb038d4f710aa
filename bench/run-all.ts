// The three "Lean functions" benchmarks in sequence. handler-cpu goes last: it stubs the AWS SDK
// and sets the functions' environment in this process.
import { runBundleSize } from './bundle-size.ts';
import { runColdStart } from './cold-start.ts';
import { runHandlerCpu } from './handler-cpu.ts';

await runBundleSize();
await runColdStart();
await runHandlerCpu();
