import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from '../../../../functions/escalation/core/business-time.ts';
import {
  coverageByRegion,
  regionCalendars,
  setHolidayChanges,
  setWorkingHours,
  withCalendarChanges,
} from '../../../../functions/escalation/core/holiday-changes.ts';
import { shippedRules } from '../../../helpers/shipped-escalation-settings.ts';
import type { SupervisorDirectory } from '../../../../functions/escalation/contracts/supervisor-directory.ts';

const directory: SupervisorDirectory = {
  head: { id: 'head-hugo', email: 'hugo@example.com' },
  teams: { 'general-support': { supervisors: [{ id: 'sup-ana', email: 'ana@example.com' }], lead: { id: 'lead-chloe', email: 'chloe@example.com' } } },
};
const now = new Date('2026-12-05T12:00:00Z');

describe("admins' holiday changes", () => {
  it('moves an SLA clock past a day an admin added, and counts a public holiday an admin removed as working', () => {
    // Monday 7 December 2026, 09:00 in New York: an hour of business time ends at 10:00 the same day.
    const start = new Date('2026-12-07T14:00:00Z');
    const us = shippedRules.regions['us']!;
    expect(addBusinessMinutes(start, 60, us).toISOString()).toBe('2026-12-07T15:00:00.000Z');
    const closed = withCalendarChanges(shippedRules, { us: { added: ['2026-12-07'], removed: [] } }).regions['us']!;
    expect(addBusinessMinutes(start, 60, closed).toISOString()).toBe('2026-12-08T15:00:00.000Z');

    // Thanksgiving's Friday is the team's holiday; removed, it is a working day again.
    const friday = new Date('2026-11-27T14:00:00Z');
    expect(addBusinessMinutes(friday, 60, us).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    const working = withCalendarChanges(shippedRules, { us: { added: [], removed: ['2026-11-27'] } }).regions['us']!;
    expect(addBusinessMinutes(friday, 60, working).toISOString()).toBe('2026-11-27T15:00:00.000Z');
  });

  it('extends a calendar only by a later last covered day, and leaves regions it does not name and the ones the rules lack alone', () => {
    const changed = withCalendarChanges(shippedRules, {
      us: { added: [], removed: [], holidaysThrough: '2028-12-31' },
      jp: { added: [], removed: [], holidaysThrough: '2020-01-01' },
      mars: { added: ['2027-01-01'], removed: [] },
    });
    expect(changed.regions['us']!.holidaysThrough).toBe('2028-12-31');
    expect(changed.regions['jp']).toEqual({ ...shippedRules.regions['jp'], holidays: shippedRules.regions['jp']!.holidays });
    expect(changed.regions['uk']).toBe(shippedRules.regions['uk']);
    expect(Object.hasOwn(changed.regions, 'mars')).toBe(false);
    expect(coverageByRegion(changed, now).get('us')).toMatchObject({ holidaysThrough: '2028-12-31', daysLeft: 757 });
  });

  it('stores a change tidy (sorted, once each) and refuses a region the rules lack or a day both added and removed', () => {
    const set = setHolidayChanges(directory, shippedRules, 'us', { added: ['2027-08-13', '2027-01-04', '2027-08-13'], removed: [] });
    expect(set.holidays).toEqual({ us: { added: ['2027-01-04', '2027-08-13'], removed: [] } });
    expect(set.teams).toBe(directory.teams);
    expect(() => setHolidayChanges(directory, shippedRules, 'constructor', { added: [], removed: [] })).toThrow(
      expect.objectContaining({ code: 'unknown_region' }),
    );
    expect(() => setHolidayChanges(directory, shippedRules, 'us', { added: ['2027-01-04'], removed: ['2027-01-04'] })).toThrow(
      expect.objectContaining({ code: 'added_and_removed', kind: 'invalid_request' }),
    );
  });

  it('shows each region from today on in its own zone, with its changes and whether it ends within 60 days', () => {
    const late = new Date('2027-11-15T12:00:00Z');
    const calendars = regionCalendars(shippedRules, { us: { added: ['2027-11-26'], removed: ['2027-11-25'] } }, late);
    const us = calendars.find(({ region }) => region === 'us')!;
    expect(us).toMatchObject({
      timeZone: 'America/New_York',
      added: ['2027-11-26'],
      removed: ['2027-11-25'],
      holidaysThrough: '2027-12-31',
      daysLeft: 46,
      endingSoon: true,
    });
    expect(us.upcoming[0]).toBe('2027-11-26');
    expect(us.upcoming).not.toContain('2027-11-25');
    expect(calendars.find(({ region }) => region === 'jp')).toMatchObject({ added: [], removed: [], endingSoon: false });
  });

  it("counts an SLA clock by the working week an admin set, keeps it across a holidays' change and the holidays across its change", () => {
    // Friday 11 December 2026, 17:30 in Tokyo: under the rules' week (to 18:00, Monday to Friday) an hour ends Monday 09:30.
    const friday = new Date('2026-12-11T08:30:00Z');
    const jp = shippedRules.regions['jp']!;
    expect(addBusinessMinutes(friday, 60, jp).toISOString()).toBe('2026-12-14T00:30:00.000Z');
    const holidays = setHolidayChanges(directory, shippedRules, 'jp', { added: ['2027-08-13'], removed: [] });
    const week = setWorkingHours(holidays, shippedRules, 'jp', {
      workingDays: ['sat', 'mon', 'tue', 'wed', 'thu', 'fri'],
      hours: [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '17:30' },
      ],
    });
    expect(week.holidays!['jp']).toMatchObject({ added: ['2027-08-13'], workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] });
    // Under the admin's (to 17:30, Saturdays too) Friday is over and the hour ends Saturday 10:00.
    const saturdays = withCalendarChanges(shippedRules, week.holidays).regions['jp']!;
    expect(addBusinessMinutes(friday, 60, saturdays).toISOString()).toBe('2026-12-12T01:00:00.000Z');
    const again = setHolidayChanges(week, shippedRules, 'jp', { added: [], removed: [] });
    expect(again.holidays!['jp']).toEqual({
      added: [],
      removed: [],
      workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      hours: week.holidays!['jp']!.hours,
    });
    expect(regionCalendars(shippedRules, again.holidays, now).find(({ region }) => region === 'jp')).toMatchObject({
      weekChanged: true,
      hours: week.holidays!['jp']!.hours,
    });
    expect(regionCalendars(shippedRules, undefined, now).find(({ region }) => region === 'jp')).toMatchObject({ weekChanged: false, hours: jp.hours });
    expect(() => setWorkingHours(directory, shippedRules, 'constructor', { workingDays: ['mon'], hours: [{ from: '09:00', to: '17:00' }] })).toThrow(
      expect.objectContaining({ code: 'unknown_region' }),
    );
  });
});
