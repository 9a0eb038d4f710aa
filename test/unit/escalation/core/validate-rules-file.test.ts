import { describe, expect, it } from 'vitest';
import { shippedRulesFileText } from '../../../helpers/shipped-escalation-settings.ts';
import { locateJsonPaths } from '../../../../functions/escalation/core/locate-json-paths.ts';
import { validateRulesFile } from '../../../../functions/escalation/core/validate-rules-file.ts';

const rulesFile = shippedRulesFileText;
// The file ends with a newline: its last line is the empty one after the closing brace.
const lines = rulesFile.trimEnd().split('\n');
/** The 1-based line of the first line containing `needle` at or after line `after`. */
const lineOf = (needle: string, after = 1) => lines.findIndex((line, index) => index + 1 >= after && line.includes(needle)) + 1;

describe('validateRulesFile', () => {
  it('accepts the default rules written as JSON', () => {
    const result = validateRulesFile(rulesFile);
    expect(result.ok && result.rules.routing.defaultTeam).toBe('general-support');
  });

  it.each([
    [
      'a wrong value, at its member',
      rulesFile.replace('"defaultTeam": "general-support"', '"defaultTeam": "nobody"'),
      'routing.defaultTeam',
      lineOf('"defaultTeam"'),
    ],
    [
      'a value deep in an array, at its member',
      rulesFile.replace('"team": "cloud-platform"', '"team": "cloud"'),
      'routing.rules[1].team',
      lineOf('"team": "cloud-platform"'),
    ],
    ['an unknown field, at that field', rulesFile.replace('"warningFraction"', '"warningFractoin"'), 'warningFractoin', lineOf('"warningFraction"')],
    ['a bad time zone in a region', rulesFile.replace('"Europe/London"', '"Europe/Londres"'), 'regions.uk.timeZone', lineOf('"Europe/London"')],
    [
      'a missing member, at the object that lacks it',
      rulesFile.replace(/"critical": \{\s*"acknowledgeWithinMinutes": 60,\s*"resolveWithinMinutes": 480\s*\},/, ''),
      'sla.premium.severities.critical',
      lineOf('"severities"'),
    ],
  ])('names the path and line of %s', (_name, text, path, line) => {
    expect(text).not.toBe(rulesFile);
    const result = validateRulesFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ path, line }));
  });

  it('names the line of a JSON syntax error', () => {
    const broken = rulesFile.replace('"defaultRegion": "us"', '"defaultRegion": "us",');
    const result = validateRulesFile(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: '', line: lines.length, message: expect.stringMatching(/^Not valid JSON/) });
  });

  it('reports every problem in line order', () => {
    const text = rulesFile.replace('"Asia/Tokyo"', '"Asia/Atlantis"').replace('"escalateFrom": "low"', '"escalateFrom": "lowest"');
    const result = validateRulesFile(text);
    expect(result.ok ? [] : result.errors.map(({ path, line }) => [path, line])).toEqual([
      ['escalateFrom', lineOf('"escalateFrom"')],
      ['regions.jp.timeZone', lineOf('"Asia/Tokyo"')],
    ]);
  });
});

describe('locateJsonPaths', () => {
  const text = '{\n  "a": [1, {"b": "x\\"}"}],\n  "c": {},\n  "c": {"d": true}\n}';

  it.each([
    ['the root', [], { line: 1, column: 1 }],
    ['a member at its name', ['a'], { line: 2, column: 3 }],
    ['an array element at its value', ['a', 1], { line: 2, column: 12 }],
    ['a member after a string holding an escaped quote and a brace', ['c'], { line: 4, column: 3 }],
    ['a member named twice, at the occurrence JSON.parse keeps', ['c', 'd'], { line: 4, column: 9 }],
    ['a missing member, at its nearest parent', ['a', 1, 'e'], { line: 2, column: 12 }],
  ])('places %s', (_name, path, position) => {
    expect(locateJsonPaths(text)(path)).toEqual(position);
  });
});
