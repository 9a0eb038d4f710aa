import { describe, expect, it } from 'vitest';
import { ClockOffsetError, parseClockOffset } from '../../../local/schedules/parse-clock-offset.ts';

const hour = 3_600_000;

describe('parseClockOffset', () => {
  it.each([
    ['+36h', 36 * hour],
    ['36h', 36 * hour],
    ['-15m', -15 * 60_000],
    ['+1d12h', 36 * hour],
    ['90s', 90_000],
    ['+1w', 7 * 24 * hour],
    ['PT36H', 36 * hour],
    ['-P1DT2H', -26 * hour],
    ['+PT1H30M', 1.5 * hour],
    ['P1W', 7 * 24 * hour],
    ['', 0],
    [undefined, 0],
  ])('reads %s as %d ms', (text, expected) => {
    expect(parseClockOffset(text)).toBe(expected);
  });

  it.each(['36', 'h', '+36x', '1.5h', 'P1M', 'P1Y', 'PT', 'P', 'tomorrow', '+-3h'])('refuses %s in one line', (text) => {
    expect(() => parseClockOffset(text)).toThrow(ClockOffsetError);
    expect(() => parseClockOffset(text)).toThrow(/^LOCAL_CLOCK_OFFSET must be a signed duration such as .*, not ".*"\.$/);
  });
});
