import type { BusinessCalendar } from '../../../../functions/escalation/contracts/escalation-rules.ts';

const weekdays: BusinessCalendar['workingDays'] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Tokyo: a split day with a lunch break, no daylight saving, Golden Week and a November holiday. */
export const tokyo: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  workingDays: weekdays,
  hours: [
    { from: '09:00', to: '12:00' },
    { from: '13:00', to: '18:00' },
  ],
  holidays: ['2026-05-04', '2026-05-05', '2026-05-06', '2026-11-23'],
};

/** London: summer time from 29 March to 25 October 2026, Christmas and Boxing Day (observed 28th). */
export const london: BusinessCalendar = {
  timeZone: 'Europe/London',
  workingDays: weekdays,
  hours: [{ from: '09:00', to: '17:30' }],
  holidays: ['2026-12-25', '2026-12-28'],
};

/** New York: daylight saving from 8 March to 1 November 2026, Thanksgiving on 26 November. */
export const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  workingDays: weekdays,
  hours: [{ from: '09:00', to: '18:00' }],
  holidays: ['2026-11-26'],
};

/** Open every minute of every day, in a zone with daylight saving (a 24x7 premium contract). */
export const alwaysOpenNewYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  workingDays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  hours: [{ from: '00:00', to: '24:00' }],
  holidays: [],
};
