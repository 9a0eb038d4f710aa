/** A stored item: the table's keys plus plain attributes. */
export interface StoredItem {
  readonly pk: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
}

/** The single table, seen through the two operations intake and status need. */
export interface RecordStore {
  /** Writes the item unless one with its keys exists: `duplicate` means an earlier delivery won. */
  putIfAbsent(item: StoredItem): Promise<'stored' | 'duplicate'>;
  get(pk: string, sk: string): Promise<Record<string, unknown> | undefined>;
}
