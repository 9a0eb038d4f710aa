/*
 * Escalation items in the single table, and the writes both escalation adapters share
 * (`dynamodb-escalation-store.ts` for the supervisor API, `dynamodb-sla-watch-store.ts` for the
 * SLA watcher: one class each, so neither function bundles the other's operations) (every key a string):
 *
 * | item        | pk               | sk                  | gsi1pk / gsi2pk                  | gsi1sk                | gsi2sk            | gsi3pk (sparse)            | gsi3sk            |
 * |-------------|------------------|---------------------|----------------------------------|-----------------------|-------------------|----------------------------|-------------------|
 * | escalation  | ESCALATION#<id>  | ESCALATION          | ESCALATIONS#<team>#<status>      | <createdAt>#<id>      | <dueAt>#<id>      | ESCALATIONS_UNACKNOWLEDGED | <watchAt>#<id>    |
 * | audit entry | ESCALATION#<id>  | AUDIT#<at>#<seq>    |                                  |                       |                   |                            |                   |
 * | outbox item | NOTIFICATION#<n> | NOTIFICATION        | NOTIFICATIONS_PENDING (gsi1)     | <createdAt>#<n>       |                   |                            |                   |
 *
 * `dueAt` is the clock that runs: `ackDueAt` while open or claimed, then `resolveDueAt`. `seq` is
 * the escalation's version after the change (six digits), so two entries of one millisecond keep
 * their order and never share a key. gsi3 holds only open and claimed escalations that have not
 * breached at the top of the chain (the status change that acknowledges or resolves REMOVEs
 * gsi3pk/gsi3sk by rewriting the item without them). `watchAt` is when the SLA watcher next has
 * work on it: `warnAt` until the level's assignee is warned, then `ackDueAt` (warnAt <= ackDueAt,
 * so one Query by `watchAt <= now` finds both warnings and breaches, and nothing not yet due).
 * Outbox items (functions/escalation/contracts/stored-notification-items.ts, `n` =
 * `<escalationId>#<kind>#<level>`) are put once by the watcher, in the step's transaction.
 *
 * Access patterns:
 * - an escalation with its history, oldest entry first: Query pk=ESCALATION#<id> (consistent; AUDIT# sorts before ESCALATION);
 * - list by team and status, newest first: Query gsi1 gsi1pk=ESCALATIONS#<team>#<status>, ScanIndexForward=false;
 * - list by team and status, most overdue first: Query gsi2 gsi2pk=ESCALATIONS#<team>#<status>, ascending;
 *   several teams or statuses: one Query per partition, merged (k-way) into one page; severity and
 *   assignee are FilterExpressions within those partitions, never a Scan;
 * - the SLA watcher's due work (warning or acknowledgement due), earliest first: Query gsi3
 *   gsi3pk=ESCALATIONS_UNACKNOWLEDGED, gsi3sk <= <now>#~;
 * - a watcher step: PutItem of the escalation on `version = <read version>`, Put of its audit entry
 *   and of its outbox item on `attribute_not_exists(pk)`, in one TransactWriteItems;
 * - create with the complaint: `createEscalationItems` returns Puts (attribute_not_exists) the
 *   complaint consumer adds to the TransactWriteItems that stores the complaint;
 * - change: PutItem of the whole escalation on condition `version = <read version>`, plus a Put of
 *   its audit entry on `attribute_not_exists(pk)`, in one TransactWriteItems. The API's role
 *   has GetItem, Query and PutItem only: no UpdateItem or DeleteItem, so nothing edits a trail.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { clean } from '../../platform/single-table/clean-item.ts';
import type { LabelledItem } from '../../platform/single-table/labelled-transaction.ts';
import type { AuditEntry, Escalation } from '../core/escalation.ts';
import type { StoredEscalation } from '../core/escalation-store.ts';
import { storedEscalationSchema } from '../contracts/stored-escalation-items.ts';
import { expiresAtEpochSeconds } from '../../platform/single-table/retention.ts';

export const UNACKNOWLEDGED = 'ESCALATIONS_UNACKNOWLEDGED';
export const escalationKey = (id: string) => ({ pk: `ESCALATION#${id}`, sk: 'ESCALATION' });
const auditKey = (id: string, entry: AuditEntry, seq: number) => ({ pk: `ESCALATION#${id}`, sk: `AUDIT#${entry.at}#${String(seq).padStart(6, '0')}` });

/**
 * How long a resolved escalation is kept: `daysAfterResolution` from its resolution, then DynamoDB's
 * TTL deletes it, and the report counters' consumer its audit entries (expire-audit-trails.ts).
 */
export interface EscalationRetention {
  readonly daysAfterResolution: number;
}

/** The whole escalation item: state, version and the index attributes its status calls for. */
const escalationItem = (escalation: Omit<Escalation, 'audit'>, reference: string, version: number, retention?: EscalationRetention) => {
  const { audit: _audit, ...state } = escalation as Escalation;
  const partition = `ESCALATIONS#${escalation.team}#${escalation.status}`;
  const unacknowledged = escalation.status === 'open' || escalation.status === 'claimed';
  const dueAt = unacknowledged ? escalation.ackDueAt : escalation.resolveDueAt;
  // The SLA watcher's next work on it: the warning until it is warned, then the acknowledgement
  // breach; none once the top of the chain has breached (it stays listed, but off the watcher's index).
  const watchAt = escalation.warned ? escalation.ackDueAt : escalation.warnAt;
  const watched = unacknowledged && !escalation.breached;
  return {
    ...escalationKey(escalation.id),
    ...state,
    reference,
    version,
    gsi1pk: partition,
    gsi1sk: `${escalation.createdAt}#${escalation.id}`,
    gsi2pk: partition,
    gsi2sk: `${dueAt}#${escalation.id}`,
    ...(watched ? { gsi3pk: UNACKNOWLEDGED, gsi3sk: `${watchAt}#${escalation.id}` } : {}),
    ...(retention !== undefined && escalation.status === 'resolved' && escalation.resolvedAt !== undefined
      ? { expiresAt: expiresAtEpochSeconds(escalation.resolvedAt, retention.daysAfterResolution) }
      : {}),
  };
};

export const escalationOf = (item: Record<string, unknown>): Omit<StoredEscalation, 'audit'> => {
  const { pk: _pk, sk: _sk, gsi1pk: _1, gsi1sk: _2, gsi2pk: _3, gsi2sk: _4, gsi3pk: _5, gsi3sk: _6, ...escalation } = storedEscalationSchema.parse(item);
  return escalation as Omit<StoredEscalation, 'audit'>;
};

/**
 * The Puts that store a new escalation and its opening audit entries, each on
 * `attribute_not_exists(pk)`: the complaint consumer adds them to the TransactWriteItems that
 * stores the complaint, so both exist or neither (a redelivery finds them and is a no-op).
 *
 * @example
 * ```ts
 * await client.send(new TransactWriteItemsCommand({ TransactItems: [complaintPut, ...createEscalationItems(tableName, escalation, reference)] }));
 * ```
 */
export const createEscalationItems = (tableName: string, escalation: Escalation, reference: string): TransactWriteItem[] => [
  {
    Put: { TableName: tableName, Item: clean(escalationItem(escalation, reference, escalation.audit.length)), ConditionExpression: 'attribute_not_exists(pk)' },
  },
  ...escalation.audit.map((entry, index) => ({
    Put: { TableName: tableName, Item: clean({ ...auditKey(escalation.id, entry, index + 1), ...entry }), ConditionExpression: 'attribute_not_exists(pk)' },
  })),
];

/**
 * The two items of every change to a stored escalation: the whole escalation at `readVersion + 1`
 * on condition that it is still at `readVersion`, and its audit entry put once.
 *
 * @example
 * ```ts
 * await writeLabelledTransaction(client, [...escalationChangeItems(tableName, next, entry, read), ...others]);
 * ```
 */
export const escalationChangeItems = (
  tableName: string,
  escalation: Omit<Escalation, 'audit'>,
  entry: AuditEntry,
  read: { readonly reference: string; readonly version: number },
  /** Given, a resolved escalation is written with its TTL. @default - kept */
  retention?: EscalationRetention,
): LabelledItem<'escalation' | 'audit-entry'>[] => [
  {
    label: 'escalation',
    item: {
      Put: {
        TableName: tableName,
        Item: clean(escalationItem(escalation, read.reference, read.version + 1, retention)),
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: clean({ ':read': read.version }),
      },
    },
  },
  {
    label: 'audit-entry',
    item: {
      Put: {
        TableName: tableName,
        Item: clean({ ...auditKey(escalation.id, entry, read.version + 1), ...entry }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  },
];
