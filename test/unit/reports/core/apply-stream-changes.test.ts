import { describe, expect, it } from 'vitest';
import {
  applyStreamChanges,
  type CounterStore,
  MAX_TRANSACTION_ITEMS,
  planTransactions,
  type StreamChange,
} from '../../../../functions/reports/core/apply-stream-changes.ts';
import { changeOf, type Tally } from '../../../../functions/reports/core/counter-tally.ts';

const answer = (id: number, csat: number, team = 'support') => ({
  pk: `INVITATION#i-${id}`,
  sk: 'RESPONSE',
  responseId: `r-${id}`,
  invitationId: `i-${id}`,
  status: 'confirmed',
  source: 'page',
  answer: { csat },
  firstAnsweredAt: '2026-12-06T09:00:00.000Z',
  updatedAt: '2026-12-06T09:00:00.000Z',
  reportedAs: { team },
});

const change = (id: number, csat: number, team?: string): StreamChange => ({
  eventId: `e-${id}`,
  sequenceNumber: String(1000 + id),
  change: changeOf(undefined, answer(id, csat, team)),
});

/** Counters in memory, with markers, as the table keeps them (shards summed). */
class MemoryCounterStore implements CounterStore {
  readonly markers = new Set<string>();
  readonly counts = new Map<string, number>();
  readonly transactions: { eventIds: readonly string[]; items: number; shard: number }[] = [];
  failNext = 0;

  async addCounts(eventIds: readonly string[], sum: Tally, shard: number) {
    if (this.failNext > 0 && this.failNext-- > 0) throw new Error('throttled');
    const repeated = eventIds.filter((id) => this.markers.has(id));
    if (repeated.length > 0) return { kind: 'repeated', eventIds: repeated } as const;
    this.transactions.push({ eventIds, items: eventIds.length + sum.size, shard });
    for (const id of eventIds) this.markers.add(id);
    for (const { cell, fields } of sum.values())
      for (const [field, amount] of fields) {
        const key = `${cell.period.key} ${cell.dimension}=${cell.value} ${field}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + amount);
      }
    return { kind: 'committed' } as const;
  }
}

describe('counting a batch of stream changes', () => {
  it('sums many answers into one transaction when they share counters', async () => {
    const store = new MemoryCounterStore();
    const changes = Array.from({ length: 50 }, (_, index) => change(index, (index % 5) + 1));
    expect(await applyStreamChanges(changes, { store, pickShard: () => 2 })).toEqual({ committed: 50, repeated: 0 });
    // 50 markers and 3 periods × (all, team) counters: one transaction.
    expect(store.transactions).toEqual([{ eventIds: changes.map(({ eventId }) => eventId), items: 56, shard: 2 }]);
    expect(store.counts.get('2026-12-06 all=all responses')).toBe(50);
    expect(store.counts.get('2026-12-06 all=all csat_5')).toBe(10);
  });

  it('never exceeds DynamoDB’s 100 items in a transaction', () => {
    // Every answer its own team: 1 marker and 3 new team counters each, beside the shared 3: 24 a transaction.
    const changes = Array.from({ length: 60 }, (_, index) => change(index, 3, `team-${index}`));
    const groups = planTransactions(changes);
    for (const group of groups) {
      const cells = new Set(group.flatMap(({ change: tally }) => [...tally.keys()]));
      expect(group.length + cells.size).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
    }
    expect(groups.flat()).toEqual(changes);
    expect(groups.map((group) => group.length)).toEqual([24, 24, 12]);
  });

  it('counts a redelivered record once: its marker is found and its transaction retried without it', async () => {
    const store = new MemoryCounterStore();
    await applyStreamChanges([change(1, 5), change(2, 4)], { store });
    expect(await applyStreamChanges([change(2, 4), change(3, 1)], { store })).toEqual({ committed: 1, repeated: 1 });
    expect(store.counts.get('2026-12-06 all=all responses')).toBe(3);
    expect(store.counts.get('2026-12-06 all=all csat_4')).toBe(1);
  });

  it('skips changes that move nothing, and on a failure says where the stream must resume, keeping what was counted', async () => {
    const store = new MemoryCounterStore();
    const nothing: StreamChange = { eventId: 'e-x', sequenceNumber: '999', change: new Map() };
    const teams = Array.from({ length: 30 }, (_, index) => change(index, 3, `team-${index}`));
    const planned = planTransactions(teams);
    expect(planned.length).toBeGreaterThan(1);
    // The first transaction commits, the second fails.
    const failing = new (class extends MemoryCounterStore {
      calls = 0;
      override async addCounts(eventIds: readonly string[], sum: Tally, shard: number) {
        if (++this.calls === 2) throw new Error('throttled');
        return super.addCounts(eventIds, sum, shard);
      }
    })();
    const applied = await applyStreamChanges([nothing, ...teams], { store: failing });
    expect(applied.committed).toBe(planned[0]!.length);
    expect(applied.failedFrom).toBe(planned[1]![0]!.sequenceNumber);
    expect(applied.error).toBeInstanceOf(Error);
    expect(failing.markers.has('e-x')).toBe(false);
    // Delivered again from there: everything counted once.
    await applyStreamChanges(teams.slice(planned[0]!.length), { store: failing });
    expect(failing.counts.get('2026-12-06 all=all responses')).toBe(30);
    expect(store.transactions).toEqual([]);
  });

  it('tries a transaction that met another writer again on another shard, and gives up after five', async () => {
    const shards: number[] = [];
    let conflicts = 2;
    const store: CounterStore = {
      addCounts: async (_ids, _sum, shard) => {
        shards.push(shard);
        return conflicts-- > 0 ? { kind: 'conflict' } : { kind: 'committed' };
      },
    };
    let next = 0;
    const pauses: number[] = [];
    const pause = async (tries: number) => {
      pauses.push(tries);
    };
    expect(await applyStreamChanges([change(1, 5)], { store, pickShard: () => next++, pause })).toEqual({ committed: 1, repeated: 0 });
    expect(shards).toEqual([0, 1, 2]);
    // A pause, longer each time, before each retry: two consumers on one team's breakdown stop meeting.
    expect(pauses).toEqual([1, 2]);
    const stuck: CounterStore = { addCounts: async () => ({ kind: 'conflict' }) };
    const applied = await applyStreamChanges([change(1, 5)], { store: stuck, pause });
    expect(applied.failedFrom).toBe('1001');
    expect(pauses).toEqual([1, 2, 1, 2, 3, 4]);
  });
});
