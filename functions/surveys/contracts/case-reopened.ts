import * as z from 'zod/mini';
import { singleLineText } from '../../platform/text/text-fields.ts';

/**
 * The body of `POST /cases/reopened`, sent by the support system when a resolved case is opened
 * again. Strict, like `caseResolvedSchema`, whose `caseId` it names.
 *
 * @example
 * ```ts
 * caseReopenedSchema.parse({ caseId: 'CASE-2026-0042' });
 * ```
 */
export const caseReopenedSchema = z.strictObject({ caseId: singleLineText(64) });

/** The `{caseId}` of `GET /cases/{caseId}/survey-decisions`: the same rules as in the bodies. */
export const caseIdSchema = singleLineText(64);
