// The yardstick for functions/store-complaint (see store-records.ts).
import { bareStoreHandler } from './store-records.ts';

export const handler = bareStoreHandler((message) => ({ pk: `COMPLAINT#${String(message.complaintId)}`, sk: 'COMPLAINT' }));
