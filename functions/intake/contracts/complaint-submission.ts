import * as z from 'zod/mini';
import { localeTag, multiLineText, singleLineText } from '../../platform/text/text-fields.ts';

/** The categories a deployment offers when none are configured. */
export const DEFAULT_COMPLAINT_CATEGORIES = ['slow-response', 'unresolved', 'attitude', 'wrong-advice', 'billing', 'other'] as const;

/** A category is a short kebab-case token, so it is safe in keys, URLs and CSV columns. */
export const complaintCategory = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use a lower-case kebab-case category.'), z.maxLength(40));

/**
 * Checks a deployment's category list: at least one, each a kebab-case token. Intake and storage
 * must agree, or complaints accepted under a category the consumer refuses would end in the
 * dead-letter queue; so the stack checks the list at synth and the function at cold start.
 *
 * @example
 * ```ts
 * assertComplaintCategories(['billing', 'Billing Issues']); // throws, naming "Billing Issues"
 * ```
 */
export const assertComplaintCategories = (categories: readonly string[]): void => {
  const invalid = categories.filter((category) => !complaintCategory.safeParse(category).success);
  if (categories.length === 0 || invalid.length > 0) {
    throw new Error(`Complaint categories must be one or more lower-case kebab-case tokens of up to 40 characters; invalid: ${JSON.stringify(invalid)}`);
  }
};

const DESCRIPTION_MAX_CHARS = 5000;

const complaintFields = {
  email: z.email().check(z.maxLength(254)),
  description: multiLineText(DESCRIPTION_MAX_CHARS),
  caseId: z.optional(singleLineText(64)),
  name: z.optional(singleLineText(200)),
  locale: z.optional(localeTag),
  product: z.optional(singleLineText(100)),
};

/**
 * The body of `POST /complaints`, accepting only the deployment's configured categories.
 *
 * @example
 * ```ts
 * const schema = complaintSubmissionSchema(['billing', 'other']);
 * schema.parse({ email: 'a@example.com', category: 'billing', description: 'Charged twice' });
 * ```
 */
export const complaintSubmissionSchema = (categories: readonly string[]) => {
  assertComplaintCategories(categories);
  return z.strictObject({
    ...complaintFields,
    category: z.enum(categories as [string, ...string[]], { error: `Choose one of: ${categories.join(', ')}.` }),
  });
};

/**
 * A complaint as it travels on the queue. Any well-formed category is accepted here: the list
 * may change between intake and storage, and a message already accepted must not be lost.
 */
export const storedComplaintSubmissionSchema = z.strictObject({ ...complaintFields, category: complaintCategory });

export type ComplaintSubmission = z.infer<typeof storedComplaintSubmissionSchema>;
