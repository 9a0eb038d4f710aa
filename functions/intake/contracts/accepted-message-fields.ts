import * as z from 'zod/mini';

// The fields every accepted-submission message shares (`complaint-accepted-message.ts`,
// `feedback-accepted-message.ts`: one file each, so a consumer bundles only its own schema).
export const acceptedAt = z.iso.datetime();
export const recordId = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));
