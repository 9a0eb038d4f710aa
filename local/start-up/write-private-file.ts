import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes `text` to `file` readable and writable by its owner only (mode 0600: it may hold a
 * signing key or the endpoints of a running pipeline), through a temporary file renamed over it,
 * so a kill mid-write leaves the old content or the new one, never half of either.
 *
 * @example
 * await writePrivateFile('.data/secrets.json', JSON.stringify(values));
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}
