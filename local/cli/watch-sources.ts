import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FunctionReload } from '../functions/reload-functions.ts';

/**
 * Watches `folders` under `projectRoot` and, a quiet moment after a save, calls `reload` (which
 * re-bundles and swaps in the functions a change touched) and logs what it did. Returns the stop
 * function. Used by `npm run dev`.
 *
 * @example
 * const stopWatching = watchSources(projectRoot, ['functions', 'infra'], pipeline.reload, log);
 */
export function watchSources(projectRoot: string, folders: readonly string[], reload: () => Promise<FunctionReload>, log: (line: string) => void): () => void {
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
  for (const folder of folders) watchDirectory(join(projectRoot, folder));
  return () => {
    clearTimeout(pending);
    for (const watcher of watchers.values()) watcher.close();
  };
}
