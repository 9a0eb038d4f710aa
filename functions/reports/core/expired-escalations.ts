/** A stream record as far as an expiry is concerned: its kind, who removed the item, its keys. */
export interface RemovedItem {
  readonly sequenceNumber: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** DynamoDB's TTL removed it (the service principal), not a person or a function. */
  readonly byTtl: boolean;
  readonly pk?: string | undefined;
  readonly sk?: string | undefined;
}

/**
 * The escalations DynamoDB's TTL deleted, in stream order, each with its record's position: their
 * audit entries are kept as long as the escalation, so they go next. An escalation deleted by
 * anything else (a person, a tool) keeps its trail: only the retention clock removes one.
 *
 * @example
 * ```ts
 * expiredEscalations([{ sequenceNumber: '7', eventName: 'REMOVE', byTtl: true, pk: 'ESCALATION#e-1', sk: 'ESCALATION' }]);
 * // [{ escalationId: 'e-1', sequenceNumber: '7' }]
 * ```
 */
export const expiredEscalations = (records: readonly RemovedItem[]): { readonly escalationId: string; readonly sequenceNumber: string }[] =>
  records.flatMap(({ sequenceNumber, eventName, byTtl, pk, sk }) =>
    eventName === 'REMOVE' && byTtl && sk === 'ESCALATION' && pk?.startsWith('ESCALATION#')
      ? [{ escalationId: pk.slice('ESCALATION#'.length), sequenceNumber }]
      : [],
  );
