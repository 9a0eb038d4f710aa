import { describe, expect, it } from 'vitest';
import type { StoredNotification } from '../../../../functions/escalation/contracts/stored-notification-items.ts';
import type { AuditEntry, Escalation } from '../../../../functions/escalation/core/escalation.ts';
import { type SlaWatchDeps, watchEscalationSlas } from '../../../../functions/escalation/core/watch-escalation-slas.ts';
import { openedEscalation, rosters, rules } from './escalation-fixtures.ts';
import type { SlaWatchStore, WatchedEscalation, WatcherChange } from '../../../../functions/escalation/core/escalation-store.ts';

/**
 * The store's contract in memory: the index holds open and claimed escalations not breached, by
 * `warned ? ackDueAt : warnAt`; a change applies only at the version read; an outbox id is put once.
 */
class MemoryWatchStore implements SlaWatchStore {
  readonly items = new Map<string, WatchedEscalation>();
  readonly audit: AuditEntry[] = [];
  readonly outbox = new Map<string, StoredNotification>();
  requests = 0;
  /** Runs before a change is written: a supervisor or another watcher getting there first. */
  beforeApply: ((id: string) => void) | undefined;

  seed(escalation: Escalation, version = 1): void {
    const { audit: _audit, ...state } = escalation;
    this.items.set(escalation.id, { ...state, reference: `CMP-${escalation.id}`, version });
  }

  async findUnacknowledgedDue(dueBy: Date, limit: number, after?: Readonly<Record<string, string>>) {
    this.requests++;
    const keyOf = (item: WatchedEscalation) => `${item.warned ? item.ackDueAt : item.warnAt}#${item.id}`;
    const due = [...this.items.values()]
      .filter((item) => (item.status === 'open' || item.status === 'claimed') && !item.breached && keyOf(item) <= `${dueBy.toISOString()}#~`)
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
      .filter((item) => after === undefined || keyOf(item) > after['key']!);
    const page = due.slice(0, limit);
    return { escalations: page, ...(due.length > limit ? { next: { key: keyOf(page.at(-1)!) } } : {}) };
  }

  async readEscalation(id: string) {
    this.requests++;
    return this.items.get(id);
  }

  async applyWatcherChange(read: WatchedEscalation, change: WatcherChange) {
    this.requests++;
    this.beforeApply?.(read.id);
    await Promise.resolve();
    if (this.items.get(read.id)?.version !== read.version) return 'conflict' as const;
    this.items.set(read.id, { ...change.escalation, reference: read.reference, version: read.version + 1 });
    this.audit.push(change.entry);
    if (change.notification && !this.outbox.has(change.notification.notificationId)) this.outbox.set(change.notification.notificationId, change.notification);
    return 'applied' as const;
  }
}

const depsOf = (store: MemoryWatchStore, overrides: Partial<SlaWatchDeps> = {}): SlaWatchDeps => ({
  store,
  rules,
  rosters,
  limits: { pageSize: 25, maxPages: 10 },
  timeLeftMs: () => 30_000,
  ...overrides,
});

// openedEscalation: premium, high (acknowledge within 4 business hours, warn at 3), Tokyo
// (09:00-12:00 and 13:00-18:00, Mon-Fri, 2026-03-20 a holiday), level 1 with sv-aiko.
describe('watchEscalationSlas: the step each escalation gets (table-driven, business time)', () => {
  it.each([
    {
      name: 'before its warning point: nothing',
      state: {},
      now: '2026-03-09T04:59:59.000Z',
      expected: { level: 1, assignee: 'sv-aiko', warned: false, breached: false, ackDueAt: '2026-03-09T06:00:00.000Z' },
      action: undefined,
      notification: undefined,
    },
    {
      name: 'at 75% of the acknowledgement time: warned once, the assignee mailed',
      state: {},
      now: '2026-03-09T05:00:00.000Z',
      expected: { level: 1, assignee: 'sv-aiko', warned: true, breached: false, ackDueAt: '2026-03-09T06:00:00.000Z' },
      action: 'warn',
      notification: { notificationId: 'esc-1#ack_warning#1', kind: 'ack_warning', recipientUserId: 'sv-aiko', level: 1 },
    },
    {
      name: 'past due on Monday 15:00 JST: level 2, the lead, due Tuesday 10:00 JST (3 h Monday + 1 h Tuesday)',
      state: { warned: true },
      now: '2026-03-09T06:00:00.000Z',
      expected: { level: 2, assignee: 'ld-yui', warned: false, ackDueAt: '2026-03-10T01:00:00.000Z', warnAt: '2026-03-09T09:00:00.000Z', status: 'open' },
      action: 'escalate',
      notification: { notificationId: 'esc-1#escalated#2', kind: 'escalated', recipientUserId: 'ld-yui', level: 2 },
    },
    {
      name: 'past due without a warning (a late run): escalated, not warned',
      state: {},
      now: '2026-03-09T06:30:00.000Z',
      expected: { level: 2, assignee: 'ld-yui', warned: false },
      action: 'escalate',
      notification: { kind: 'escalated', recipientUserId: 'ld-yui', level: 2 },
    },
    {
      name: 'past due Friday 17:00 JST: due across the weekend, Monday 12:00 JST',
      state: { warned: true, ackDueAt: '2026-03-13T08:00:00.000Z', warnAt: '2026-03-13T07:00:00.000Z' },
      now: '2026-03-13T08:00:00.000Z',
      expected: { level: 2, ackDueAt: '2026-03-16T03:00:00.000Z', warnAt: '2026-03-16T02:00:00.000Z' },
      action: 'escalate',
      notification: { kind: 'escalated', level: 2 },
    },
    {
      name: 'past due Thursday 17:00 JST before a Friday holiday: due Monday 12:00 JST',
      state: { warned: true, ackDueAt: '2026-03-19T08:00:00.000Z', warnAt: '2026-03-19T07:00:00.000Z' },
      now: '2026-03-19T08:00:00.000Z',
      expected: { level: 2, ackDueAt: '2026-03-23T03:00:00.000Z', warnAt: '2026-03-23T02:00:00.000Z' },
      action: 'escalate',
      notification: { kind: 'escalated', level: 2 },
    },
    {
      name: 'claimed but not acknowledged: the clock still runs, the claim is released',
      state: { warned: true, status: 'claimed', claimedBy: 'sv-aiko' },
      now: '2026-03-09T06:00:00.000Z',
      expected: { level: 2, assignee: 'ld-yui', status: 'open', claimedBy: undefined },
      action: 'escalate',
      notification: { kind: 'escalated', level: 2 },
    },
    {
      name: 'level 2 past due: level 3, the head of support',
      state: { warned: true, level: 2, assignee: 'ld-yui' },
      now: '2026-03-09T06:00:00.000Z',
      expected: { level: 3, assignee: 'hd-eve' },
      action: 'escalate',
      notification: { notificationId: 'esc-1#escalated#3', kind: 'escalated', recipientUserId: 'hd-eve', level: 3 },
    },
    {
      name: 'the top of the chain past due: breached once, nobody mailed',
      state: { warned: true, level: 3, assignee: 'hd-eve' },
      now: '2026-03-09T06:00:00.000Z',
      expected: { level: 3, assignee: 'hd-eve', breached: true },
      action: 'breach',
      notification: undefined,
    },
    {
      name: 'acknowledged: never moves',
      state: { status: 'acknowledged', acknowledgedAt: '2026-03-09T02:00:00.000Z', claimedBy: 'sv-aiko' },
      now: '2026-03-12T06:00:00.000Z',
      expected: { level: 1, status: 'acknowledged', warned: false },
      action: undefined,
      notification: undefined,
    },
  ] as const)('$name', async ({ state, now, expected, action, notification }) => {
    const store = new MemoryWatchStore();
    store.seed(openedEscalation(state as Partial<Escalation>));
    await watchEscalationSlas(depsOf(store), new Date(now));
    const stored = store.items.get('esc-1')!;
    expect(stored).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== undefined)));
    for (const [field, value] of Object.entries(expected)) if (value === undefined) expect(stored).not.toHaveProperty(field);
    expect(store.audit.map((entry) => [entry.action, entry.actor])).toEqual(action ? [[action, 'sla-watcher']] : []);
    expect(stored.version).toBe(action ? 2 : 1);
    expect([...store.outbox.values()]).toEqual(
      notification ? [expect.objectContaining({ ...notification, escalationId: 'esc-1', complaintId: 'esc-1', createdAt: now })] : [],
    );
  });
});

describe('watchEscalationSlas: an escalation a survey score opened', () => {
  it('escalates it like a complaint’s, and its email names no complaint (nobody but supervisors is mailed)', async () => {
    const store = new MemoryWatchStore();
    store.seed(openedEscalation({ source: 'survey', warned: true }));
    await watchEscalationSlas(depsOf(store), new Date('2026-03-09T06:00:00.000Z'));
    expect(store.items.get('esc-1')).toMatchObject({ level: 2 });
    const [queued] = [...store.outbox.values()];
    expect(queued).toMatchObject({ kind: 'escalated', level: 2, escalationId: 'esc-1' });
    expect(queued).not.toHaveProperty('complaintId');
  });
});

describe('watchEscalationSlas: never twice', () => {
  const due = () => openedEscalation({ warned: true });
  const atDue = new Date('2026-03-09T06:00:00.000Z');

  it('takes one step when run twice', async () => {
    const store = new MemoryWatchStore();
    store.seed(due());
    const first = await watchEscalationSlas(depsOf(store), atDue);
    const second = await watchEscalationSlas(depsOf(store), atDue);
    expect([first.escalated, second.escalated, second.examined]).toEqual([1, 0, 0]);
    expect(store.items.get('esc-1')).toMatchObject({ level: 2, version: 2 });
  });

  it('takes one step when two runs read the same version at once: the loser reads again and finds nothing to do', async () => {
    const store = new MemoryWatchStore();
    store.seed(due());
    const reports = await Promise.all([watchEscalationSlas(depsOf(store), atDue), watchEscalationSlas(depsOf(store), atDue)]);
    expect(reports.map((report) => report.escalated).sort()).toEqual([0, 1]);
    expect(reports.map((report) => report.alreadyHandled).sort()).toEqual([0, 1]);
    expect(store.audit).toHaveLength(1);
    expect([...store.outbox.keys()]).toEqual(['esc-1#escalated#2']);
    expect(store.items.get('esc-1')).toMatchObject({ level: 2, assignee: 'ld-yui', version: 2 });
  });

  it('decides again on the state a conflicting write left: a claim in between still escalates, from the new version', async () => {
    const store = new MemoryWatchStore();
    store.seed(due());
    store.beforeApply = (id) => {
      store.beforeApply = undefined;
      const current = store.items.get(id)!;
      store.items.set(id, { ...current, status: 'claimed', claimedBy: 'sv-aiko', version: current.version + 1 });
    };
    const report = await watchEscalationSlas(depsOf(store), atDue);
    expect(report).toMatchObject({ escalated: 1, contended: 0 });
    expect(store.items.get('esc-1')).toMatchObject({ level: 2, status: 'open', version: 3 });
    expect(store.items.get('esc-1')).not.toHaveProperty('claimedBy');
  });

  it('leaves an escalation acknowledged in between alone', async () => {
    const store = new MemoryWatchStore();
    store.seed(due());
    store.beforeApply = (id) => {
      store.beforeApply = undefined;
      const current = store.items.get(id)!;
      store.items.set(id, { ...current, status: 'acknowledged', claimedBy: 'sv-aiko', acknowledgedAt: atDue.toISOString(), version: current.version + 1 });
    };
    const report = await watchEscalationSlas(depsOf(store), atDue);
    expect(report).toMatchObject({ escalated: 0, alreadyHandled: 1 });
    expect(store.items.get('esc-1')).toMatchObject({ level: 1, status: 'acknowledged' });
    expect(store.outbox.size).toBe(0);
  });

  it('gives up after three lost races and leaves the escalation for the next run', async () => {
    const store = new MemoryWatchStore();
    store.seed(due());
    store.beforeApply = (id) => {
      const current = store.items.get(id)!;
      store.items.set(id, { ...current, version: current.version + 1 });
    };
    expect(await watchEscalationSlas(depsOf(store), atDue)).toMatchObject({ escalated: 0, contended: 1 });
    expect(store.items.get('esc-1')).toMatchObject({ level: 1 });
  });
});

describe('watchEscalationSlas: bounded runs', () => {
  const seedDue = (store: MemoryWatchStore, count: number) => {
    for (let index = 0; index < count; index++) store.seed(openedEscalation({ id: `esc-${index}`, warned: true }));
  };
  const atDue = new Date('2026-03-09T06:00:00.000Z');

  it('stops at the page limit; the next run takes the rest', async () => {
    const store = new MemoryWatchStore();
    seedDue(store, 5);
    const limits = { pageSize: 2, maxPages: 2 };
    expect(await watchEscalationSlas(depsOf(store, { limits }), atDue)).toMatchObject({ escalated: 4, pages: 2, stoppedBy: 'page_limit' });
    const next = await watchEscalationSlas(depsOf(store, { limits }), atDue);
    expect(next).toMatchObject({ escalated: 1, pages: 1 });
    expect(next).not.toHaveProperty('stoppedBy');
  });

  it('starts no page once its time budget is spent', async () => {
    const store = new MemoryWatchStore();
    seedDue(store, 3);
    let left = 1;
    const report = await watchEscalationSlas(depsOf(store, { limits: { pageSize: 1, maxPages: 10 }, timeLeftMs: () => left-- }), atDue);
    expect(report).toMatchObject({ escalated: 1, pages: 1, stoppedBy: 'time_budget' });
  });

  it('skips, and reports, escalations of a team with no roster', async () => {
    const store = new MemoryWatchStore();
    store.seed(openedEscalation({ id: 'esc-x', team: 'billing-support', warned: true }));
    expect(await watchEscalationSlas(depsOf(store), atDue)).toMatchObject({ escalated: 0, unknownTeam: ['billing-support'] });
    expect(store.items.get('esc-x')).toMatchObject({ level: 1, version: 1 });
  });

  it('costs one Query per page and one transaction per step when nothing races', async () => {
    const store = new MemoryWatchStore();
    seedDue(store, 3);
    await watchEscalationSlas(depsOf(store), atDue);
    expect(store.requests).toBe(1 + 3);
  });
});
