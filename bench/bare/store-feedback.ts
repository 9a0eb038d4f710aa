// The yardstick for functions/intake/store-feedback (see store-records.ts).
import { bareStoreHandler } from './store-records.ts';

export const handler = bareStoreHandler((message) => ({ pk: `FEEDBACK#${String(message.feedbackId)}`, sk: 'FEEDBACK' }));
