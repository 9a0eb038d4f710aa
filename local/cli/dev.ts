import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { printFunctionLogs } from '../functions/print-function-logs.ts';
import { startLocalPipeline, type LocalPipeline } from '../start-local-pipeline.ts';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';

// `npm run dev`: `npm start` plus a watcher on functions/ and infra/. A saved change re-bundles
// and swaps in the functions it touched; the emulators keep running, so queued and stored data stay.
// The start-up and shutdown mirror local/cli/start.ts.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = `${projectRoot}.data/`;
const port = Number(process.env['PORT'] ?? 3000);
const log = (line: string): void => console.log(`[local] ${line}`);

let pipeline: LocalPipeline;
try {
  pipeline = await startLocalPipeline({ dataDir, port, log, functionLog: printFunctionLogs(process.env, console.log) });
} catch (error) {
  console.error(error instanceof PrerequisiteError ? error.message : error);
  process.exit(1);
}

const { stop, reload, timings, ...connection } = pipeline;
await writeFile(`${dataDir}local.json`, `${JSON.stringify(connection, null, 2)}\n`);
console.log(
  [
    `Local pipeline ready in ${(timings.readyMs / 1000).toFixed(1)} s, watching functions/ and infra/`,
    `  HTTP API      ${pipeline.apiUrl}`,
    `  Mail viewer   ${pipeline.mailUrl}`,
    `  Data browser  ${pipeline.dataBrowserUrl}`,
    `  Queue view    ${pipeline.queueViewUrl}`,
    `  Connection details in ${dataDir}local.json; Ctrl-C stops.`,
  ].join('\n'),
);

// Editors write a file in several events; one reload follows a quiet moment.
let pending: NodeJS.Timeout | undefined;
const changed = new Set<string>();
const scheduleReload = (path: string): void => {
  changed.add(path);
  clearTimeout(pending);
  pending = setTimeout(() => void reloadNow(), 300);
};
const reloadNow = async (): Promise<void> => {
  const paths = [...changed];
  changed.clear();
  const startedAt = performance.now();
  log(`changed: ${paths.join(', ')}; re-synthesizing…`);
  try {
    const { reloaded, needsRestart } = await reload();
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    log(reloaded.length === 0 ? `no function changed (${seconds} s)` : `reloaded ${reloaded.join(', ')} in ${seconds} s`);
    if (needsRestart.length > 0) log(`restart npm run dev to apply the changes to ${needsRestart.join(', ')}`);
  } catch (error) {
    // A syntax error or a failing synthesis leaves the running functions as they were.
    log(`reload failed, the functions keep their previous code: ${error instanceof Error ? error.message : String(error)}`);
  }
};
const watchers = new Map<string, FSWatcher>();
// One watcher per directory: Node's recursive mode on Linux watches files one by one and loses a
// file once an editor replaces it (write to a temporary file, then rename), as sed -i and many do.
const watchDirectory = (directory: string): void => {
  if (watchers.has(directory)) return;
  watchers.set(
    directory,
    watch(directory, (_event, file) => {
      if (file === null) return;
      const path = join(directory, file);
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) watchDirectory(path);
      scheduleReload(relative(projectRoot, path));
    }),
  );
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) watchDirectory(join(directory, entry.name));
  }
};
for (const folder of ['functions', 'infra']) watchDirectory(`${projectRoot}${folder}`);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping (draining requests and queues)`);
  clearTimeout(pending);
  for (const watcher of watchers.values()) watcher.close();
  stop()
    .then(() => rm(`${dataDir}local.json`, { force: true }))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
