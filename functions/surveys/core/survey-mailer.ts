import type { EmailHeader } from './render-invitation-email.ts';
import { SurveyEmailRefusedError } from './errors.ts';

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
