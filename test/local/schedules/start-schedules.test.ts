import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSchedules, type LocalScheduler } from '../../../local/schedules/start-schedules.ts';
import { aLocalSchedule } from './a-local-schedule.ts';

const minute = 60_000;
const hour = 60 * minute;

describe('startSchedules', () => {
  let scheduler: LocalScheduler | undefined;
  const invoke = vi.fn(async (_functionName: string, event: unknown) => ({ received: event }));
  const log = vi.fn();
  const firedAt = () => invoke.mock.calls.map(([, event]) => (event as { at: string }).at);

  beforeEach(() => {
    invoke.mockClear();
    log.mockClear();
  });

  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    vi.useRealTimers();
  });

  it('fires a rate schedule once per period, counted from its start', async () => {
    // Prepare
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:30Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 minute)')], invoke, log });

    // Act and Assess
    await vi.advanceTimersByTimeAsync(minute - 1);
    expect(invoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1 + 2 * minute);
    expect(firedAt()).toEqual(['2026-03-01T10:01:30Z', '2026-03-01T10:02:30Z', '2026-03-01T10:03:30Z']);
    expect(invoke).toHaveBeenCalledWith('Digest', { at: '2026-03-01T10:01:30Z' });
  });

  it('fires a cron schedule at its time in its time zone', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T17:59:00Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('cron(0 3 * * ? *)', { timeZone: 'Asia/Tokyo' })], invoke, log });

    await vi.advanceTimersByTimeAsync(minute);

    expect(firedAt()).toEqual(['2026-03-01T18:00:00Z']);
    expect(scheduler.list()[0]?.nextFireTime).toBe('2026-03-02T18:00:00.000Z');
  });

  it('computes fire times and event times on a clock moved by the offset', async () => {
    // Prepare: 10:00 on the machine is 22:00 the next day on the scheduler's clock.
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('cron(0 0 * * ? *)')], invoke, log, clockOffsetMs: 36 * hour });

    // Act and Assess: midnight on that clock is two hours away.
    expect(scheduler.now().toISOString()).toBe('2026-03-02T22:00:00.000Z');
    expect(scheduler.list()[0]?.nextFireTime).toBe('2026-03-03T00:00:00.000Z');
    await vi.advanceTimersByTimeAsync(2 * hour - 1);
    expect(invoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(firedAt()).toEqual(['2026-03-03T00:00:00Z']);
  });

  it('waits past the longest timer Node.js holds for a one-time schedule weeks away', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('at(2026-04-10T00:00:00)')], invoke, log });

    await vi.advanceTimersByTimeAsync(40 * 24 * hour - 1);
    expect(invoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1 + 365 * 24 * hour);

    expect(firedAt()).toEqual(['2026-04-10T00:00:00Z']);
    expect(scheduler.list()[0]?.nextFireTime).toBeNull();
  });

  it('fires a rate first at its StartDate and nothing after its EndDate', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    const schedule = aLocalSchedule('rate(1 hour)', { startDate: new Date('2026-03-01T12:00:00Z'), endDate: new Date('2026-03-01T14:30:00Z') });
    scheduler = startSchedules({ schedules: [schedule], invoke, log });

    await vi.advanceTimersByTimeAsync(24 * hour);

    // StartDate sets a rate's first occurrence (EventBridge Scheduler's schedule types guide).
    expect(firedAt()).toEqual(['2026-03-01T12:00:00Z', '2026-03-01T13:00:00Z', '2026-03-01T14:00:00Z']);
  });

  it('fires nothing on its own when on demand only, and still runs a schedule when asked', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 minute)')], invoke, log, onDemandOnly: true });

    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(invoke).not.toHaveBeenCalled();
    await scheduler.run('digest');

    expect(firedAt()).toEqual(['2026-03-01T10:10:00Z']);
    expect(scheduler.list()[0]?.nextFireTime).toBeNull();
  });

  it('never fires a disabled schedule on its own, and lists it without a next fire time', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 minute)', { state: 'DISABLED' })], invoke, log });

    await vi.advanceTimersByTimeAsync(10 * minute);

    expect(invoke).not.toHaveBeenCalled();
    expect(scheduler.list()).toEqual([
      {
        name: 'digest',
        logicalId: 'Digest',
        type: 'AWS::Scheduler::Schedule',
        expression: 'rate(1 minute)',
        timeZone: 'UTC',
        state: 'DISABLED',
        targetFunctions: ['Digest'],
        nextFireTime: null,
      },
    ]);
  });

  it('fires a schedule on demand with the time on its clock and answers with each outcome', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 day)')], invoke, log, clockOffsetMs: -15 * minute });

    const run = await scheduler.run('digest');

    expect(run).toEqual({
      name: 'digest',
      scheduledTime: '2026-03-01T09:45:00.000Z',
      targets: [{ functionName: 'Digest', event: { at: '2026-03-01T09:45:00Z' }, outcome: 'succeeded', result: { received: { at: '2026-03-01T09:45:00Z' } } }],
    });
  });

  it("answers with the function's error type when the invocation fails, and logs it", async () => {
    const failing = vi.fn(async () => {
      throw Object.assign(new Error('Digest: Task timed out after 3.00 seconds'), { errorType: 'Sandbox.Timedout' });
    });
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 day)')], invoke: failing, log });

    const run = await scheduler.run('digest');

    expect(run?.targets[0]).toMatchObject({ outcome: 'failed', error: { type: 'Sandbox.Timedout', message: 'Digest: Task timed out after 3.00 seconds' } });
    expect(log).toHaveBeenCalledWith('schedule digest: Digest failed: Digest: Task timed out after 3.00 seconds');
  });

  it('answers undefined for a name no schedule has', async () => {
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 day)')], invoke, log });

    expect(await scheduler.run('nope')).toBeUndefined();
  });

  it('fires nothing once stopped, and waits for the invocation in flight', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    let finish: () => void = () => undefined;
    const slow = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    scheduler = startSchedules({ schedules: [aLocalSchedule('rate(1 minute)')], invoke: slow, log });
    await vi.advanceTimersByTimeAsync(minute);
    expect(slow).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(stopped).toBe(false);
    finish();
    await stopping;

    expect(stopped).toBe(true);
    expect(slow).toHaveBeenCalledTimes(1);
  });
});
