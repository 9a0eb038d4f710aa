import type { EscalationRules } from '../contracts/escalation-rules.ts';
import { escalationRulesSchema } from '../contracts/escalation-rules.ts';
import { locateJsonPaths } from './locate-json-paths.ts';

/** One reason a rules file is refused, at a line and column of the file (1-based). */
type RulesFileError = { readonly path: string; readonly line: number; readonly column: number; readonly message: string };

export type RulesFileValidation = { readonly ok: true; readonly rules: EscalationRules } | { readonly ok: false; readonly errors: readonly RulesFileError[] };

/** `sla.premium.severities.high`, `routing.rules[0].team`: the way a person reads a path. */
const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`), '');

const syntaxErrorPosition = (text: string, message: string) => {
  // V8 (Node 20+) ends a JSON.parse message with "(line L column C)" or at least "at position P".
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const before = text.slice(0, position ? Number(position[1]) : text.length);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
};

/**
 * Parses and checks an escalation rules file, naming the line of each problem, so that `cdk
 * synth` can fail with `escalation-rules.json:12:9 sla.premium...: ...`.
 *
 * @example
 * ```ts
 * const result = validateRulesFile(readFileSync(file, 'utf8'));
 * if (!result.ok) throw new Error(result.errors.map((e) => `${file}:${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
 * ```
 */
export const validateRulesFile = (text: string): RulesFileValidation => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, errors: [{ path: '', ...syntaxErrorPosition(text, message), message: `Not valid JSON: ${message}` }] };
  }
  const result = escalationRulesSchema.safeParse(data);
  if (result.success) return { ok: true, rules: result.data };

  const positionOf = locateJsonPaths(text);
  const errors = result.error.issues.flatMap((issue): RulesFileError[] => {
    // An unknown member is reported at the member itself, not at the object holding it.
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((path) => ({
      path: formatPath(path),
      ...positionOf(path),
      message: issue.code === 'unrecognized_keys' ? 'Unknown field.' : issue.message,
    }));
  });
  return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
};
