import { addTally, type CounterCell, type Tally } from './counter-tally.ts';

/** What one stream record moves: its event id (the idempotency key), its position, its counts. */
export interface StreamChange {
  readonly eventId: string;
  readonly sequenceNumber: string;
  readonly change: Tally;
}

/** Writes a sum of changes with one marker per event, all or nothing (a TransactWriteItems). */
export interface CounterStore {
  /**
   * Adds `sum` to shard `shard` of its counters and marks each of `eventIds` counted, in one
   * transaction. `repeated` names events already marked (a redelivery): nothing was written then.
   * `conflict`: another writer held one of the items; a retry, on another shard, may commit.
   */
  addCounts(
    eventIds: readonly string[],
    sum: Tally,
    shard: number,
  ): Promise<{ readonly kind: 'committed' } | { readonly kind: 'repeated'; readonly eventIds: readonly string[] } | { readonly kind: 'conflict' }>;
}

/**
 * DynamoDB's limit on the items of one TransactWriteItems.
 *
 * @internal exported for its tests only
 */
export const MAX_TRANSACTION_ITEMS = 100;
/**
 * Shards of the overall counters (which every item counts in): each transaction writes one,
 * picked at random, so concurrent consumers rarely meet there.
 */
export const COUNTER_SHARDS = 4;
/**
 * Tries of a transaction that met another writer (TransactionConflict), each on a freshly picked
 * shard after a random pause of up to 50 ms times the tries so far: two consumers writing one
 * team's breakdown (not sharded) then stop meeting.
 */
const MAX_CONFLICT_ATTEMPTS = 5;
const CONFLICT_PAUSE_MS = 50;

const pauseBriefly = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Groups changes, in stream order, into transactions of at most {@link MAX_TRANSACTION_ITEMS}
 * items: one marker per event plus one update per distinct counter of their sum. Busy periods
 * share counters (every answer of a day adds to that day's overall counter), so one transaction
 * carries many answers and a counter takes one write per transaction, not one per answer.
 *
 * @example
 * ```ts
 * planTransactions(changes); // [[c1, c2, …, c40], [c41, …]]
 * ```
 *
 * @internal exported for its tests only
 */
export const planTransactions = (changes: readonly StreamChange[]): StreamChange[][] => {
  const groups: StreamChange[][] = [];
  let group: StreamChange[] = [];
  let cells = new Set<string>();
  for (const change of changes) {
    const merged = new Set([...cells, ...change.change.keys()]);
    if (group.length > 0 && group.length + 1 + merged.size > MAX_TRANSACTION_ITEMS) {
      groups.push(group);
      group = [];
      cells = new Set(change.change.keys());
    } else {
      cells = merged;
    }
    group.push(change);
  }
  if (group.length > 0) groups.push(group);
  return groups;
};

const sumOf = (changes: readonly StreamChange[]): Tally => {
  const sum = new Map<string, { cell: CounterCell; fields: Map<string, number> }>();
  for (const { change } of changes) addTally(sum, change, 1);
  return sum;
};

/** What became of a batch: counted, already counted (redeliveries), and where to resume after a failure. */
export interface AppliedChanges {
  readonly committed: number;
  readonly repeated: number;
  /** The sequence number of the first change not counted, when a transaction failed: the stream resumes there. */
  readonly failedFrom?: string;
  readonly error?: unknown;
}

/**
 * Counts a batch of stream changes in order, idempotently: each transaction marks its events, so
 * a redelivered record finds its marker and counts nothing (its transaction is retried without
 * it). Changes that move no counter are skipped. On a failure, the changes from the failed
 * transaction on are left for the stream to deliver again, and the ones before stay counted.
 *
 * @example
 * ```ts
 * const { failedFrom } = await applyStreamChanges(changes, { store });
 * return { batchItemFailures: failedFrom === undefined ? [] : [{ itemIdentifier: failedFrom }] };
 * ```
 */
export const applyStreamChanges = async (
  changes: readonly StreamChange[],
  {
    store,
    pickShard = () => Math.floor(Math.random() * COUNTER_SHARDS),
    pause = (tries: number) => pauseBriefly(Math.random() * CONFLICT_PAUSE_MS * tries),
  }: { readonly store: CounterStore; readonly pickShard?: () => number; readonly pause?: (tries: number) => Promise<void> },
): Promise<AppliedChanges> => {
  let committed = 0;
  let repeated = 0;
  for (const planned of planTransactions(changes.filter(({ change }) => change.size > 0))) {
    let group = planned;
    try {
      for (let conflicts = 0; group.length > 0; ) {
        const outcome = await store.addCounts(
          group.map(({ eventId }) => eventId),
          sumOf(group),
          pickShard(),
        );
        if (outcome.kind === 'committed') {
          committed += group.length;
          break;
        }
        if (outcome.kind === 'repeated') {
          repeated += outcome.eventIds.length;
          group = group.filter(({ eventId }) => !outcome.eventIds.includes(eventId));
        } else if (++conflicts >= MAX_CONFLICT_ATTEMPTS) {
          throw new Error(`counters still in conflict after ${MAX_CONFLICT_ATTEMPTS} tries`);
        } else {
          await pause(conflicts);
        }
      }
    } catch (error) {
      return { committed, repeated, failedFrom: planned[0]!.sequenceNumber, error };
    }
  }
  return { committed, repeated };
};
