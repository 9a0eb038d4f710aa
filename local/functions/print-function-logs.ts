import { styleText } from 'node:util';
import { renderLogLine } from './render-log-line.ts';

// Distinct, readable on dark and light terminals; functions past the sixth reuse them.
const colours = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'] as const;

/**
 * Prints function log lines in the terminal as they happen, each with a coloured `[function]`
 * prefix (one colour per function) and readable (see renderLogLine). Returns undefined when
 * `LOCAL_LOGS=off`: the lines then go to `.data/logs/<function>.log` only.
 *
 * @example
 * const printer = printFunctionLogs(process.env, console.log);
 * printer?.('submit-complaint', '{"level":"INFO","message":"accepted"}'); // [submit-complaint] INFO accepted
 */
export function printFunctionLogs(
  env: Record<string, string | undefined>,
  write: (text: string) => void,
): ((logName: string, line: string) => void) | undefined {
  if (env['LOCAL_LOGS'] === 'off') return undefined;
  const colourOf = new Map<string, (typeof colours)[number]>();
  return (logName, line) => {
    const rendered = renderLogLine(line);
    if (rendered === undefined) return;
    if (!colourOf.has(logName)) colourOf.set(logName, colours[colourOf.size % colours.length]!);
    // styleText drops the colour when the output is not a terminal or NO_COLOR is set.
    write(`${styleText(colourOf.get(logName)!, `[${logName}]`)} ${rendered}`);
  };
}
