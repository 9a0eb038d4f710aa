import { CodedError } from '../../platform/coded-error.ts';
import type { EmailHeader } from './render-invitation-email.ts';

/** One survey email to one recipient. `to` is personal data: never logged. */
export interface OutgoingSurveyEmail {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: readonly EmailHeader[];
  /** Name the email so SES's bounce and complaint events map back (SES tag rules: letters, digits, `_`, `-`). */
  readonly tags: Readonly<Record<string, string>>;
}

/** Sends survey emails (SES v2 on AWS and locally). Throws {@link SurveyEmailRefusedError} for a refusal no retry can change. */
export interface SurveyMailer {
  send(email: OutgoingSurveyEmail): Promise<{ readonly messageId: string }>;
}

/**
 * SES refused this one message for good (`message_rejected`: SES's MessageRejected, e.g. a virus
 * scan; `invalid_message`: a BadRequest such as a malformed address). Retrying sends nothing, so
 * the mailer records the refusal instead. Throttling, paused sending and outages are not this
 * error: they are retried.
 */
export class SurveyEmailRefusedError extends CodedError<'message_rejected' | 'invalid_message'> {
  override readonly name = 'SurveyEmailRefusedError';
}
