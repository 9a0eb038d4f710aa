import * as z from 'zod/mini';

/** After a resolved case (`post_resolution`) or on the periodic schedule (`relationship`). */
export const surveyKindSchema = z.enum(['post_resolution', 'relationship']);
