import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { EscalationRules } from '../functions/escalation/contracts/escalation-rules.ts';
import { type EscalationSettings, escalationSettingsSchema } from '../functions/escalation/contracts/escalation-settings.ts';
import { type SupervisorDirectory, supervisorDirectorySchema } from '../functions/escalation/contracts/supervisor-directory.ts';
import { type CalendarCoverage, CALENDAR_WARNING_DAYS, checkCalendarCoverage } from '../functions/escalation/core/check-calendar-coverage.ts';
import { locateJsonPaths } from '../functions/escalation/core/locate-json-paths.ts';
import { validateRulesFile } from '../functions/escalation/core/validate-rules-file.ts';
import { UnknownHolidayCalendarError, withPublicHolidays } from './public-holidays.ts';

/**
 * The rules file shipped in the repo: the one source of the default rules, which tests read too.
 *
 * @internal exported for its tests only
 */
export const DEFAULT_ESCALATION_RULES_FILE = fileURLToPath(new URL('../config/escalation-rules.json', import.meta.url));
/**
 * The supervisor directory shipped in the repo: the local demo's people (local/auth/demo-directory.ts).
 *
 * @internal exported for its tests only
 */
export const DEFAULT_SUPERVISOR_DIRECTORY_FILE = fileURLToPath(new URL('../config/supervisor-directory.json', import.meta.url));

/** The one variable that carries the validated rules and directory to every escalation function. */
const ESCALATION_RULES_VARIABLE = 'ESCALATION_RULES';

/** A rules or directory file that does not validate; the message names file, line and column of each problem. */
export class InvalidEscalationSettingsError extends Error {
  override readonly name = 'InvalidEscalationSettingsError';
  readonly code = 'invalid_escalation_settings';
}

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`), '');

const readDirectoryFile = (file: string): SupervisorDirectory => {
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidEscalationSettingsError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const result = supervisorDirectorySchema.safeParse(data);
  if (result.success) return result.data;
  const positionOf = locateJsonPaths(text);
  const lines = result.error.issues.map((issue) => {
    const { line, column } = positionOf(issue.path);
    return `${file}:${line}:${column} ${formatPath(issue.path)}: ${issue.code === 'unrecognized_keys' ? `Unknown field ${issue.keys.join(', ')}.` : issue.message}`;
  });
  throw new InvalidEscalationSettingsError(`Invalid supervisor directory:\n${lines.join('\n')}`);
};

/**
 * Reads and validates the escalation rules file (with `validateRulesFile`) and the supervisor
 * directory, so a bad file fails `cdk synth` (and `npm start`) with `file:line:column path: reason`;
 * gives each calendar that names `publicHolidays` the library's days through two years after
 * `today` (the synthesis date unless given).
 *
 * @example
 * ```ts
 * const settings = loadEscalationSettings(); // config/escalation-rules.json + config/supervisor-directory.json
 * new PipelineFunction(this, 'Store', { name: 'store-complaint', environment: escalationRulesEnvironment(settings.rules) });
 * ```
 */
export function loadEscalationSettings(
  files: { readonly rulesFile?: string; readonly directoryFile?: string; readonly today?: Date } = {},
): EscalationSettings {
  const rulesFile = files.rulesFile ?? DEFAULT_ESCALATION_RULES_FILE;
  const validation = validateRulesFile(readFileSync(rulesFile, 'utf8'));
  if (!validation.ok) {
    const lines = validation.errors.map((error) => `${rulesFile}:${error.line}:${error.column} ${error.path || '(file)'}: ${error.message}`);
    throw new InvalidEscalationSettingsError(`Invalid escalation rules:\n${lines.join('\n')}`);
  }
  const directory = readDirectoryFile(files.directoryFile ?? DEFAULT_SUPERVISOR_DIRECTORY_FILE);
  const result = escalationSettingsSchema.safeParse({ rules: validation.rules, directory });
  if (!result.success) throw new InvalidEscalationSettingsError(`Invalid escalation settings: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  try {
    return { ...result.data, rules: withPublicHolidays(result.data.rules, files.today ?? new Date()) };
  } catch (error) {
    if (error instanceof UnknownHolidayCalendarError) throw new InvalidEscalationSettingsError(`${rulesFile}: ${error.message}`);
    throw error;
  }
}

/**
 * Checks the holiday calendars of the rules against `today`: throws, naming the file and line, when
 * one has ended (SLA clocks would count next year's holidays as working days), and returns one
 * warning per calendar (named by its path in the rules) that ends within 60 days. Kept apart from `loadEscalationSettings` so that
 * tests and tools can read the settings on any date; the stack runs it at every synthesis.
 *
 * @example
 * ```ts
 * for (const { warning } of checkEscalationCalendars(settings, { today: new Date() })) console.warn(warning);
 * ```
 */
export function checkEscalationCalendars(
  settings: EscalationSettings,
  options: { readonly rulesFile?: string; readonly today: Date },
): { readonly calendar: string; readonly warning: string }[] {
  const rulesFile = options.rulesFile ?? DEFAULT_ESCALATION_RULES_FILE;
  const { ended, endingSoon } = checkCalendarCoverage(settings.rules, options.today);
  const where = (calendar: CalendarCoverage) => {
    const path = [...calendar.path, 'holidays'];
    const { line, column } = locateJsonPaths(readFileSync(rulesFile, 'utf8'))(path);
    return `${rulesFile}:${line}:${column} ${formatPath(path)}`;
  };
  if (ended.length > 0) {
    const lines = ended.map(
      (calendar) =>
        `${where(calendar)}: The holiday calendar ended on ${calendar.holidaysThrough}: list the holidays of the coming year and set holidaysThrough to its last day.`,
    );
    throw new InvalidEscalationSettingsError(`Holiday calendars that have ended:\n${lines.join('\n')}`);
  }
  return endingSoon.map((calendar) => ({
    calendar: formatPath(calendar.path),
    warning: `${where(calendar)}: The holiday calendar ends on ${calendar.holidaysThrough}, in ${calendar.daysLeft} days (warned from ${CALENDAR_WARNING_DAYS}); synthesis refuses it after that: list the holidays of the coming year and set holidaysThrough.`,
  }));
}

/**
 * The environment that hands the rules to a function, parsed again at its init by
 * `escalationRulesSetting` (functions/escalation/settings/escalation-rules-setting.ts). The
 * directory is not in it: functions read the table's (seeded from the directory file by
 * `seedSupervisorDirectory`, local/cli/seed-supervisor-directory.ts), so a few hundred supervisors fit and a change needs no deploy.
 *
 * @example
 * ```ts
 * escalationRulesEnvironment(settings.rules); // { ESCALATION_RULES: 'H4sIA…' } (gzipped JSON, base64)
 * ```
 */
export const escalationRulesEnvironment = (rules: EscalationRules): Record<string, string> => ({
  // Gzipped and base64: the rules with a year of holidays are about 3 KB of JSON, and Lambda
  // allows 4 KB for all of a function's variables together.
  [ESCALATION_RULES_VARIABLE]: gzipSync(JSON.stringify(rules), { level: 9 }).toString('base64'),
});
