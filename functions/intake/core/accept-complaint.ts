import type { ComplaintReceipt } from '../contracts/api-responses.ts';
import type { ComplaintSubmission } from '../contracts/complaint-submission.ts';
import type { ComplaintAcceptedMessage } from '../contracts/complaint-accepted-message.ts';
import { complaintReference } from './complaint-reference.ts';
import { recordIdFor } from '../../platform/record-id.ts';
import { signStatusToken, statusTokenExpiry } from './status-token.ts';

export interface AcceptComplaintOptions {
  readonly idempotencyKey?: string | undefined;
  readonly now: Date;
  readonly signingKey: string;
  readonly statusTokenTtlDays: number;
  /** Absolute URL of `GET /complaints/status`, to which the token is appended. */
  readonly statusEndpoint: string;
}

/**
 * Turns a validated complaint into the queue message and the receipt the customer gets at once.
 *
 * @example
 * ```ts
 * const { message, receipt } = acceptComplaint(submission, { now: new Date(), signingKey, statusTokenTtlDays: 180, statusEndpoint });
 * ```
 */
export const acceptComplaint = (
  submission: ComplaintSubmission,
  options: AcceptComplaintOptions,
): { message: ComplaintAcceptedMessage; receipt: ComplaintReceipt } => {
  const complaintId = recordIdFor('complaint', options.idempotencyKey, JSON.stringify(submission));
  const reference = complaintReference(complaintId);
  const token = signStatusToken(complaintId, statusTokenExpiry(options.now, options.statusTokenTtlDays), options.signingKey);
  return {
    message: {
      type: 'complaint.accepted',
      version: 1,
      complaintId,
      reference,
      acceptedAt: options.now.toISOString(),
      submission,
    },
    receipt: { complaintId, reference, statusUrl: `${options.statusEndpoint}?token=${token}` },
  };
};
