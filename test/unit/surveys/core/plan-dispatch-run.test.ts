import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchRunCap, leaseUntil, mailerConcurrency, mailerSendIntervalMs, reminderDueAt } from '../../../../functions/surveys/core/plan-dispatch-run.ts';

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

describe('mailerConcurrency and mailerSendIntervalMs', () => {
  it.each([
    // rate, invocations at once, ms between one invocation's sends, emails in any second at most
    [1, 2, 2000, 2],
    [2, 2, 1000, 2],
    [14, 2, 143, 14],
    [14.5, 2, 143, 14],
    [25, 3, 125, 24],
    [50, 5, 100, 50],
    [200, 20, 100, 200],
  ])('at %s emails/s: %s invocations, %s ms apart, %s in any second', (rate, concurrency, intervalMs, mostInASecond) => {
    expect(mailerConcurrency(rate)).toBe(concurrency);
    expect(mailerSendIntervalMs(rate)).toBe(intervalMs);
    expect(concurrency * Math.ceil(1000 / intervalMs)).toBe(mostInASecond);
  });

  it('never lets the invocations together send more than the rate in any second, from 2 emails/s up', () => {
    fc.assert(
      fc.property(fc.double({ min: 2, max: 50_000, noNaN: true }), (rate) => {
        // One invocation's sends are at least the interval apart, so any second holds at most ⌈1000 / interval⌉ of them.
        expect(mailerConcurrency(rate) * Math.ceil(1000 / mailerSendIntervalMs(rate))).toBeLessThanOrEqual(rate);
      }),
    );
  });

  it('keeps the average under the rate below 2 emails/s, and a batch of ten within the mailer timeout of 30 s', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 50_000, noNaN: true }), (rate) => {
        const intervalMs = mailerSendIntervalMs(rate);
        expect((mailerConcurrency(rate) * 1000) / intervalMs).toBeLessThanOrEqual(rate);
        // Ten sends and the rest after the last one.
        expect(10 * intervalMs).toBeLessThanOrEqual(20_000);
      }),
    );
  });
});
