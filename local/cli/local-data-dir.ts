import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder `npm start` keeps its state in and `npm run redrive` reads: `LOCAL_DATA_DIR` when
 * set (tests run a pipeline per folder), else `.data/` at the project root. Ends with a slash.
 *
 * @example
 * const dataDir = localDataDir(process.env); // '/repo/.data/'
 */
export function localDataDir(env: NodeJS.ProcessEnv): string {
  const chosen = env['LOCAL_DATA_DIR'];
  return chosen ? `${resolve(chosen)}/` : fileURLToPath(new URL('../../.data/', import.meta.url));
}
