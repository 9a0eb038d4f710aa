import { PrerequisiteError } from '../start-up/prerequisite-error.ts';

/** `LOCAL_CLOCK_OFFSET` is not a duration the local scheduler can read. */
export class ClockOffsetError extends PrerequisiteError {
  constructor(text: string) {
    super('CLOCK_OFFSET_INVALID', `LOCAL_CLOCK_OFFSET must be a signed duration such as +36h, -15m, +2d12h, 90s or ISO-8601 PT36H / -P1DT2H, not "${text}".`);
    this.name = 'ClockOffsetError';
  }
}

const unitMs: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * Reads `LOCAL_CLOCK_OFFSET` into milliseconds: a sign, then either whole amounts with units
 * `w`, `d`, `h`, `m`, `s` (`+36h`, `-15m`, `+1d12h`) or an ISO-8601 duration (`PT36H`,
 * `-P1DT2H`, `P1W`). Empty or unset is no offset. Months and years are refused: their length depends on the date.
 *
 * @example
 * parseClockOffset('+36h'); // 129600000
 * parseClockOffset('-PT15M'); // -900000
 */
export function parseClockOffset(text: string | undefined): number {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return 0;
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const unsigned = trimmed.replace(/^[+-]/, '');
  const parts = /^P/i.test(unsigned) ? isoParts(unsigned) : shortParts(unsigned);
  if (parts === undefined || parts.length === 0) throw new ClockOffsetError(trimmed);
  const total = parts.reduce((sum, [amount, unit]) => sum + amount * unitMs[unit]!, 0);
  if (!Number.isSafeInteger(total)) throw new ClockOffsetError(trimmed);
  return sign * total;
}

function shortParts(text: string): Array<[number, string]> | undefined {
  if (!/^(\d+[wdhms])+$/i.test(text)) return undefined;
  return [...text.matchAll(/(\d+)([wdhms])/gi)].map((match) => [Number(match[1]), match[2]!.toLowerCase()]);
}

function isoParts(text: string): Array<[number, string]> | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  if (match === null) return undefined;
  const units = ['w', 'd', 'h', 'm', 's'];
  return match.slice(1).flatMap((amount, index): Array<[number, string]> => (amount === undefined ? [] : [[Number(amount), units[index]!]]));
}
