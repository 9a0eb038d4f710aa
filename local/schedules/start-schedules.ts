import { randomBytes, randomUUID } from 'node:crypto';
import type { LocalSchedule } from './read-schedules.ts';
import { scheduleEvent } from './schedule-event.ts';

/** What one target's invocation came to. */
type TargetOutcome =
  | { readonly functionName: string; readonly event: unknown; readonly outcome: 'succeeded'; readonly result: unknown }
  | { readonly functionName: string; readonly event: unknown; readonly outcome: 'failed'; readonly error: { readonly type: string; readonly message: string } };

/** One firing of a schedule and what each of its targets answered. */
interface ScheduleRun {
  readonly name: string;
  readonly scheduledTime: string;
  readonly targets: readonly TargetOutcome[];
}

/** A schedule as the control endpoint lists it. */
interface ScheduleStatus {
  readonly name: string;
  readonly logicalId: string;
  readonly type: LocalSchedule['type'];
  readonly expression: string;
  readonly timeZone: string;
  readonly state: LocalSchedule['state'];
  readonly targetFunctions: readonly string[];
  /** ISO time on the scheduler's clock (offset included), or null when it will not fire again. */
  readonly nextFireTime: string | null;
}

export interface LocalScheduler {
  readonly schedules: readonly LocalSchedule[];
  /** The scheduler's clock: the machine's time plus the clock offset. */
  now(): Date;
  list(): ScheduleStatus[];
  /** Fires the named schedule now and waits for its targets; undefined when no schedule has that name. */
  run(name: string): Promise<ScheduleRun | undefined>;
  /** Stops firing and waits for the invocations in flight. */
  stop(): Promise<void>;
}

export interface ScheduleOptions {
  readonly schedules: readonly LocalSchedule[];
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Added to the machine's clock to compute fire times and event times (LOCAL_CLOCK_OFFSET). @default 0 */
  readonly clockOffsetMs?: number;
  /**
   * Fire schedules only when `run` asks (the control endpoint), never on their expressions: for
   * tests whose counts a schedule firing by itself would disturb. @default false
   */
  readonly onDemandOnly?: boolean;
}

// setTimeout holds at most 2^31-1 ms (24.8 days); a later fire time is waited for in steps.
const longestTimerMs = 2 ** 31 - 1;

/**
 * Fires every enabled schedule on its expression by invoking its target functions with the event
 * AWS would send. A rate counts from the scheduler's start (on AWS, from the schedule's creation or
 * StartDate); a flexible time window fires at its start, so local runs are repeatable. Invocations
 * are asynchronous, as Scheduler and EventBridge invoke Lambda: the next fire never waits for them.
 *
 * @example
 * const scheduler = startSchedules({ schedules, invoke, log, clockOffsetMs: 36 * 3_600_000 });
 * await scheduler.run('nightly-digest');
 */
export function startSchedules(options: ScheduleOptions): LocalScheduler {
  const offsetMs = options.clockOffsetMs ?? 0;
  const now = (): Date => new Date(Date.now() + offsetMs);
  const startedAt = now();
  const nextFireTimes = new Map<string, Date | undefined>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const nextFireTime = (schedule: LocalSchedule, after: Date): Date | undefined => {
    const from = schedule.startDate !== undefined && schedule.startDate > after ? new Date(schedule.startDate.getTime() - 1) : after;
    const next = schedule.when.nextFireTime(from, schedule.startDate ?? startedAt);
    return next !== undefined && schedule.endDate !== undefined && next > schedule.endDate ? undefined : next;
  };

  const fire = (schedule: LocalSchedule, scheduledTime: Date): Promise<ScheduleRun> => {
    const executionId = randomBytes(8).toString('hex');
    const running = Promise.all(
      schedule.targets.map(async (target): Promise<TargetOutcome> => {
        const { functionName } = target;
        let event: unknown;
        try {
          event = scheduleEvent(schedule, target, { scheduledTime, executionId, eventId: randomUUID() });
          return { functionName, event, outcome: 'succeeded', result: await options.invoke(functionName, event) };
        } catch (error) {
          const { name, message, errorType } = error as Error & { errorType?: string };
          const type = errorType ?? name;
          options.log(`schedule ${schedule.name}: ${functionName} failed: ${message}`);
          return { functionName, event, outcome: 'failed', error: { type, message } };
        }
      }),
    ).then((targets) => ({ name: schedule.name, scheduledTime: scheduledTime.toISOString(), targets }));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
    return running;
  };

  const arm = (schedule: LocalSchedule, after: Date): void => {
    const next = nextFireTime(schedule, after);
    nextFireTimes.set(schedule.name, next);
    if (next === undefined || stopped) return;
    const wait = (): void => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          if (stopped) return;
          if (now() < next) return wait();
          void fire(schedule, next).then((run) => {
            const succeeded = run.targets.filter((target) => target.outcome === 'succeeded').map((target) => target.functionName);
            if (succeeded.length > 0) options.log(`schedule ${schedule.name} fired for ${run.scheduledTime}: ${succeeded.join(', ')} invoked`);
          });
          arm(schedule, next);
        },
        Math.min(Math.max(0, next.getTime() - now().getTime()), longestTimerMs),
      );
      timers.add(timer);
    };
    wait();
  };

  for (const schedule of options.schedules) {
    if (schedule.state === 'ENABLED' && !options.onDemandOnly) arm(schedule, startedAt);
    else nextFireTimes.set(schedule.name, undefined);
  }

  return {
    schedules: options.schedules,
    now,
    list: () =>
      options.schedules.map((schedule) => ({
        name: schedule.name,
        logicalId: schedule.logicalId,
        type: schedule.type,
        expression: schedule.expression,
        timeZone: schedule.timeZone,
        state: schedule.state,
        targetFunctions: schedule.targets.map((target) => target.functionName),
        nextFireTime: nextFireTimes.get(schedule.name)?.toISOString() ?? null,
      })),
    run: async (name) => {
      const schedule = options.schedules.find((candidate) => candidate.name === name);
      return schedule === undefined ? undefined : fire(schedule, now());
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...inFlight]);
    },
  };
}
