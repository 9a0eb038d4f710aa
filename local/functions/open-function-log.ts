import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';

export interface FunctionLog {
  /** Where the function's stdout and stderr go. */
  readonly stream: Writable;
  /** Flushes the file. */
  close(): Promise<void>;
}

/**
 * A function's log: every byte it writes is appended to `file` as written (CloudWatch Logs keeps
 * the raw lines too), and, given `onLine`, each complete line is also handed over for the terminal.
 *
 * @example
 * const log = openFunctionLog('.data/logs/submit-complaint.log', (line) => console.log(line));
 */
export function openFunctionLog(file: string, onLine?: (line: string) => void): FunctionLog {
  const fileStream = createWriteStream(file, { flags: 'a' });
  let partial = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString('utf8');
      if (onLine !== undefined) {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      }
      fileStream.write(chunk, callback);
    },
    final(callback) {
      if (partial !== '' && onLine !== undefined) onLine(partial);
      callback();
    },
  });
  return {
    stream,
    close: () => new Promise<void>((resolve) => stream.end(() => fileStream.end(resolve))),
  };
}
