import { describe, expect, it } from 'vitest';
import { dispatchRunCap, leaseUntil, reminderDueAt } from '../../../../functions/surveys/core/plan-dispatch-run.ts';

describe('dispatchRunCap', () => {
  it.each([
    [14, 60, 840],
    [1, 60, 60],
    [0.1, 60, 6],
    [0.001, 60, 1],
    [200, 300, 60_000],
  ])('queues at most %s emails/s over %s s: %s', (rate, interval, cap) => {
    expect(dispatchRunCap(rate, interval)).toBe(cap);
  });
});

describe('leaseUntil and reminderDueAt', () => {
  it('give ISO instants of one length, so DynamoDB compares them as text', () => {
    expect(leaseUntil(new Date('2026-11-25T00:00:00Z'), 15 * 60_000)).toBe('2026-11-25T00:15:00.000Z');
    expect(reminderDueAt('2026-11-25T00:00:00.000Z', 3)).toBe('2026-11-28T00:00:00.000Z');
    expect(reminderDueAt('2026-11-25T00:00:00.000Z', 0.5)).toBe('2026-11-25T12:00:00.000Z');
  });
});
