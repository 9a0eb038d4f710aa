import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escalationRulesSetting } from '../../../functions/escalation/settings/escalation-rules-setting.ts';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';
import {
  checkEscalationCalendars,
  DEFAULT_ESCALATION_RULES_FILE,
  DEFAULT_SUPERVISOR_DIRECTORY_FILE,
  escalationRulesEnvironment,
  InvalidEscalationSettingsError,
  loadEscalationSettings,
} from '../../../infra/escalation-settings.ts';

const folder = mkdtempSync(join(tmpdir(), 'escalation-settings-'));
const fileWith = (name: string, text: string) => {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
};
const defaultRulesText = readFileSync(DEFAULT_ESCALATION_RULES_FILE, 'utf8');
const defaultDirectoryText = readFileSync(DEFAULT_SUPERVISOR_DIRECTORY_FILE, 'utf8');
/** The default rules with a team "constructor" that takes everything no rule routes. */
const constructorTeamRulesFile = () => {
  const rules = JSON.parse(defaultRulesText);
  rules.teams.constructor = {};
  rules.routing.defaultTeam = 'constructor';
  return fileWith('constructor-team-rules.json', JSON.stringify(rules, null, 2));
};
const lineOf = (text: string, fragment: string) => text.slice(0, text.indexOf(fragment)).split('\n').length;

describe('loadEscalationSettings', () => {
  it('loads the rules and directory shipped in config/', () => {
    const settings = loadEscalationSettings();
    expect(Object.keys(settings.rules.teams)).toEqual(['general-support', 'cloud-platform', 'japan-support']);
    expect(settings.directory.teams['japan-support']?.supervisors.map(({ id }) => id)).toEqual(['sup-japan-haruto', 'sup-japan-yui']);
  });

  it.each([
    ['an unknown severity', '"severity": "high"', '"severity": "urgent"', /severityRules\[1\]\.severity/],
    ['a routing rule to an unknown team', '"team": "cloud-platform"', '"team": "cloud-ops"', /routing\.rules\[1\]\.team: Team "cloud-ops" is not in teams/],
    ['a misspelt field', '"warningFraction"', '"warningFractions"', /warningFractions: Unknown field/],
  ])('fails on %s, naming the file and line', (_name, from, to, message) => {
    const text = defaultRulesText.replace(from, to);
    const file = fileWith('rules.json', text);
    expect(() => loadEscalationSettings({ rulesFile: file })).toThrow(InvalidEscalationSettingsError);
    expect(() => loadEscalationSettings({ rulesFile: file })).toThrow(new RegExp(`${file}:${lineOf(text, to)}:\\d+ `));
    expect(() => loadEscalationSettings({ rulesFile: file })).toThrow(message);
  });

  it('fails on a rules file that is not JSON, naming the line', () => {
    const text = defaultRulesText.replace('"warningFraction": 0.75,', '"warningFraction": 0.75,,');
    const file = fileWith('broken.json', text);
    expect(() => loadEscalationSettings({ rulesFile: file })).toThrow(new RegExp(`${file}:${lineOf(text, ',,')}:`));
  });

  it('fails on a directory entry without a valid email, naming the line', () => {
    const text = defaultDirectoryText.replace('"yui.tanaka@example.com"', '"yui.tanaka"');
    const file = fileWith('directory.json', text);
    expect(() => loadEscalationSettings({ directoryFile: file })).toThrow(
      new RegExp(`${file}:${lineOf(text, '"yui.tanaka"')}:\\d+ teams\\.japan-support\\.supervisors\\[1\\]\\.email`),
    );
  });

  it('fails when a team of the rules has nobody in the directory', () => {
    const directory = JSON.parse(defaultDirectoryText);
    delete directory.teams['cloud-platform'];
    const file = fileWith('short-directory.json', JSON.stringify(directory, null, 2));
    expect(() => loadEscalationSettings({ directoryFile: file })).toThrow(/Team "cloud-platform" of the rules has no supervisors in the directory/);
  });

  it('fails when the rules name a team "constructor" that has nobody in the directory, though every object has a constructor', () => {
    expect(() => loadEscalationSettings({ rulesFile: constructorTeamRulesFile() })).toThrow(
      /Team "constructor" of the rules has no supervisors in the directory/,
    );
  });

  it('loads rules and a directory with a team named "constructor", a name like any other', () => {
    const directory = JSON.parse(defaultDirectoryText);
    directory.teams.constructor = directory.teams['general-support'];
    const settings = loadEscalationSettings({
      rulesFile: constructorTeamRulesFile(),
      directoryFile: fileWith('constructor-team-directory.json', JSON.stringify(directory)),
    });
    expect(Object.hasOwn(settings.directory.teams, 'constructor')).toBe(true);
    expect(settings.rules.routing.defaultTeam).toBe('constructor');
  });

  it('fails on a directory team named "__proto__", which a parsed record would drop without a word', () => {
    const text = defaultDirectoryText.replace(
      '"teams": {',
      '"teams": {\n    "__proto__": { "supervisors": [], "lead": { "id": "x", "email": "x@example.com" } },',
    );
    const file = fileWith('proto-directory.json', text);
    expect(() => loadEscalationSettings({ directoryFile: file })).toThrow(/teams\.__proto__/);
  });

  it('hands the rules (not the directory) to a function as one compact variable that its init parses back', () => {
    const settings = loadEscalationSettings();
    const environment = escalationRulesEnvironment(settings.rules);
    expect(Object.keys(environment)).toEqual(['ESCALATION_RULES']);
    // Lambda allows 4 KB for all of a function's variables together.
    expect(environment['ESCALATION_RULES']!.length).toBeLessThan(2_000);
    expect(escalationRulesSetting.parse(environment['ESCALATION_RULES'])).toEqual(settings.rules);
    expect(escalationRulesSetting.safeParse('{"teams":{}}').success).toBe(false);
  });
});

describe('checkEscalationCalendars', () => {
  // Synthesized on 5 December 2026: jp and uk take the library's days through 2028, us lists its own through 2027.
  const settings = loadEscalationSettings({ today: new Date('2026-12-05T12:00:00Z') });
  const usHolidaysLine = lineOf(defaultRulesText, '"us": {') - 1 + lineOf(defaultRulesText.slice(defaultRulesText.indexOf('"us": {')), '"holidays"');

  it('is quiet while every shipped calendar has more than 60 days to run', () => {
    expect(checkEscalationCalendars(settings, { today: new Date('2027-10-31T12:00:00Z') })).toEqual([]);
  });

  it('warns for each calendar that ends within 60 days, naming its holidays in the file', () => {
    const warnings = checkEscalationCalendars(settings, { today: new Date('2027-11-15T12:00:00Z') });
    expect(warnings.map(({ calendar }) => calendar)).toEqual(['regions.us']);
    expect(warnings[0]!.warning).toBe(
      `${DEFAULT_ESCALATION_RULES_FILE}:${usHolidaysLine}:7 regions.us.holidays: The holiday calendar ends on 2027-12-31, in 46 days (warned from 60); synthesis refuses it after that: list the holidays of the coming year and set holidaysThrough.`,
    );
    // The library's calendars run two years past the synthesis: they warn only if nobody deploys for that long.
    const usListedThrough2028 = fileWith('us-2028.json', defaultRulesText.replace('"holidaysThrough": "2027-12-31"', '"holidaysThrough": "2028-12-31"'));
    const twoYearsOn = loadEscalationSettings({ rulesFile: usListedThrough2028, today: new Date('2026-12-05T12:00:00Z') });
    const later = checkEscalationCalendars(twoYearsOn, { rulesFile: usListedThrough2028, today: new Date('2028-11-15T12:00:00Z') });
    expect(later.map(({ calendar }) => calendar)).toEqual(['regions.jp', 'regions.uk', 'regions.us']);
  });

  it('refuses a calendar that has ended, naming file, line and calendar', () => {
    const text = defaultRulesText.replaceAll('"holidaysThrough": "2027-12-31"', '"holidaysThrough": "2027-12-30"').replace(/"2027-12-31",?/g, '');
    const file = fileWith('ended-rules.json', text.replaceAll(/,(\s*\])/g, '$1'));
    const ended = loadEscalationSettings({ rulesFile: file, today: new Date('2026-12-05T12:00:00Z') });
    const check = () => checkEscalationCalendars(ended, { rulesFile: file, today: new Date('2027-12-31T12:00:00Z') });
    expect(check).toThrow(InvalidEscalationSettingsError);
    expect(check).toThrow(new RegExp(`${file}:${usHolidaysLine}:7 regions\\.us\\.holidays: The holiday calendar ended on 2027-12-30`));
  });
});

describe('public holidays from date-holidays', () => {
  it("gives a library calendar the country's public and bank holidays from `since` through two years after the synthesis", () => {
    const jp = loadEscalationSettings({ today: new Date('2026-12-05T12:00:00Z') }).rules.regions['jp']!;
    expect(jp.holidaysThrough).toBe('2028-12-31');
    // New Year's bank days, a day in lieu (Sunday 21 March 2027 moves to Monday), the last of 2028.
    expect(jp.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-12-31', '2027-01-02', '2027-03-22', '2028-11-23', '2028-12-31']));
    expect(jp.holidays.some((day) => day.startsWith('2025') || day.startsWith('2029'))).toBe(false);
    // A year later, a year further: nobody lists next year's holidays by hand.
    expect(loadEscalationSettings({ today: new Date('2027-12-05T12:00:00Z') }).rules.regions['jp']!.holidays).toContain('2029-01-01');
    // England's bank holidays for uk; us keeps its own list (it works some federal holidays).
    const { uk, us } = loadEscalationSettings({ today: new Date('2026-12-05T12:00:00Z') }).rules.regions as Record<string, { holidays: string[] }>;
    expect(uk!.holidays).toEqual(expect.arrayContaining(['2026-08-31', '2028-08-28']));
    expect(us!.holidays).toContain('2026-11-27');
    expect(us!.holidays).not.toContain('2026-10-12');
  });

  it('refuses a country or subdivision the library does not know, naming the file', () => {
    const text = defaultRulesText.replace('"country": "GB", "subdivision": "ENG"', '"country": "GB", "subdivision": "XYZ"');
    const file = fileWith('unknown-subdivision.json', text);
    expect(() => loadEscalationSettings({ rulesFile: file })).toThrow(new RegExp(`${file}: date-holidays has no calendar for GB-XYZ`));
  });
});

describe('the local demo directory', () => {
  it('is the configured supervisor directory: same people, teams, roles and emails', () => {
    const { directory } = loadEscalationSettings();
    const configured = [
      { userId: directory.head.id, email: directory.head.email, role: 'head' },
      ...Object.entries(directory.teams).flatMap(([team, { supervisors, lead }]) => [
        ...supervisors.map(({ id, email }) => ({ userId: id, email, role: `supervisor of ${team}` })),
        { userId: lead.id, email: lead.email, role: `lead of ${team}` },
      ]),
    ];
    const demo = demoDirectory
      .filter(({ title }) => title !== 'Administrator')
      .map(({ userId, email, team, groups, title }) => ({
        userId,
        email,
        role: title === 'Head of support' ? 'head' : `${groups.includes('lead') ? 'lead' : 'supervisor'} of ${team}`,
      }));
    expect(demo.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(configured.sort((a, b) => a.userId.localeCompare(b.userId)));
  });
});
