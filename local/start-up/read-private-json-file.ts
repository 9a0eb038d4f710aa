import { readFile } from 'node:fs/promises';

/**
 * Reads a JSON file of ours that may hold a key (secrets.json, auth-keys.json): `undefined` when
 * it does not exist, its parsed content otherwise, and `refuse(reason)` when it cannot be read or
 * is not JSON. The JSON.parse error is never kept as the cause: its message quotes the text, and
 * start-up failures are written to logs/start-up.log with their causes.
 *
 * @example
 * const stored = await readPrivateJsonFile('.data/secrets.json', (reason, options) => new SecretsFileError(file, reason, options));
 */
export async function readPrivateJsonFile(file: string, refuse: (reason: string, options?: ErrorOptions) => Error): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refuse(`cannot be read (${(error as Error).message})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw refuse('is not valid JSON');
  }
}
