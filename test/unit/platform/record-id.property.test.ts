import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedbackSubmissionSchema } from '../../../functions/intake/contracts/feedback-submission.ts';
import { acceptFeedback } from '../../../functions/intake/core/accept-feedback.ts';
import { isValidIdempotencyKey, recordIdFor } from '../../../functions/platform/record-id.ts';
import { propertyRuns } from '../../helpers/property-runs.ts';

// RFC 9562 version 8 ("custom"), variant 10xx: the shape every record id has.
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const idempotencyKey = fc.stringMatching(/^[\x21-\x7e]{1,255}$/);
const scope = fc.constantFrom('complaint', 'feedback');

describe('record ids, for any key and body', () => {
  it('are the same for the same route, key and body, and shaped as a version 8 UUID', () => {
    fc.assert(
      fc.property(scope, idempotencyKey, fc.string(), (route, key, body) => {
        expect(isValidIdempotencyKey(key)).toBe(true);
        const id = recordIdFor(route, key, body);
        expect(id).toMatch(UUID_V8);
        expect(recordIdFor(route, key, body)).toBe(id);
      }),
      propertyRuns(500),
    );
  });

  it('differ when the route, the key or the body differs', () => {
    fc.assert(
      fc.property(fc.tuple(scope, idempotencyKey, fc.string()), fc.tuple(scope, idempotencyKey, fc.string()), (first, second) => {
        fc.pre(first.join('\u0000') !== second.join('\u0000'));
        expect(recordIdFor(...first)).not.toBe(recordIdFor(...second));
      }),
      propertyRuns(500),
    );
  });

  it('give a retry of the same feedback the same id, whatever order its JSON names the fields in', () => {
    const feedback = fc.record(
      { kind: fc.constant('site' as const), rating: fc.integer({ min: 1, max: 5 }), helpful: fc.boolean(), locale: fc.constantFrom('en', 'ja-JP') },
      { requiredKeys: ['kind', 'rating'] },
    );
    fc.assert(
      fc.property(feedback, idempotencyKey, fc.nat(), (submission, key, rotation) => {
        const entries = Object.entries(submission);
        const shift = rotation % entries.length;
        const reordered = Object.fromEntries([...entries.slice(shift), ...entries.slice(0, shift)]);
        const now = new Date('2026-11-25T10:00:00Z');
        const first = acceptFeedback(feedbackSubmissionSchema.parse(submission), { idempotencyKey: key, now });
        const retry = acceptFeedback(feedbackSubmissionSchema.parse(reordered), { idempotencyKey: key, now });
        expect(retry.feedbackId).toBe(first.feedbackId);
      }),
      propertyRuns(300),
    );
  });
});
