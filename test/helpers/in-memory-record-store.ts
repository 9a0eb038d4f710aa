import type { RecordStore, StoredItem } from '../../functions/intake/core/record-store.ts';

/**
 * The {@link RecordStore} port over a Map, for core use cases tested without DynamoDB. Items are
 * copied in and out, as a real table would, so a test cannot edit what is "stored".
 *
 * @example
 * const store = new InMemoryRecordStore();
 * await store.putIfAbsent({ pk: 'COMPLAINT#1', sk: 'COMPLAINT' }); // 'stored'
 */
export class InMemoryRecordStore implements RecordStore {
  private readonly items = new Map<string, StoredItem>();

  async putIfAbsent(item: StoredItem): Promise<'stored' | 'duplicate'> {
    const key = `${item.pk}\n${item.sk}`;
    if (this.items.has(key)) return 'duplicate';
    this.items.set(key, structuredClone(item));
    return 'stored';
  }

  async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const item = this.items.get(`${pk}\n${sk}`);
    return item === undefined ? undefined : structuredClone(item);
  }
}
