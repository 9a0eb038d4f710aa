/**
 * The days of the week as the rules name them, in `Date#getUTCDay` order (Sunday first). A module
 * of its own, without zod, so the console's bundle can name days without the rules' schemas.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
