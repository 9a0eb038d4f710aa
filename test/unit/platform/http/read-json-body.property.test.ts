import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorBodySchema } from '../../../../functions/intake/contracts/api-responses.ts';
import { COMMENT_MAX_CHARS, feedbackSubmissionSchema } from '../../../../functions/intake/contracts/feedback-submission.ts';
import { MAX_BODY_BYTES } from '../../../../functions/platform/http/request-limits.ts';
import { multiLineText } from '../../../../functions/platform/text/text-fields.ts';
import { jsonErrorResponse } from '../../../../functions/platform/http/json-error-response.ts';
import { jsonResponse } from '../../../../functions/platform/http/json-response.ts';
import { readJsonBody } from '../../../../functions/platform/http/read-json-body.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';

// The body-reading route as every intake route composes it: read, then answer; errors become
// the JSON error body. Any exception escaping it would be a 500 from API Gateway.
const route = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(async (event: APIGatewayProxyEventV2) =>
  jsonResponse(202, readJsonBody(event, feedbackSubmissionSchema)),
).use(jsonErrorResponse({ logger: new Logger() }));

const answerTo = async (event: APIGatewayProxyEventV2) => {
  const response = await route(event, lambdaContext());
  return { statusCode: response.statusCode!, body: JSON.parse(response.body!) as unknown };
};

const expectRefusal = (answer: { statusCode: number; body: unknown }) => {
  expect(answer.statusCode).toBeGreaterThanOrEqual(400);
  expect(answer.statusCode).toBeLessThan(500);
  expect(errorBodySchema.safeParse(answer.body).success).toBe(true);
};

const comment = multiLineText(COMMENT_MAX_CHARS);
const validFeedback = fc.oneof(
  fc.record(
    {
      kind: fc.constant('article' as const),
      articleId: fc.stringMatching(/^kb-[0-9]{1,6}$/),
      helpful: fc.boolean(),
      rating: fc.integer({ min: 1, max: 5 }),
      comment: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((text) => comment.safeParse(text).success),
      locale: fc.constantFrom('en', 'ja', 'pt-BR'),
    },
    { requiredKeys: ['kind', 'articleId', 'helpful'] },
  ),
  fc.record({ kind: fc.constant('site' as const), rating: fc.integer({ min: 1, max: 5 }) }),
);

beforeAll(() => {
  captureOutput();
});
afterAll(() => vi.restoreAllMocks());

describe('reading a JSON body, for any input', () => {
  it('answers any bytes with a 4xx and the JSON error body, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        const answer = await answerTo(httpEvent({ body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true }));
        // Random bytes are almost never a valid feedback; if they are, the answer says so.
        if (answer.statusCode === 202) expect(feedbackSubmissionSchema.safeParse(answer.body).success).toBe(true);
        else expectRefusal(answer);
      }),
      propertyRuns(500),
    );
  });

  it('answers any JSON with 202 exactly when the contract accepts it, and the error body otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), validFeedback), async (value) => {
        const body = JSON.stringify(value);
        fc.pre(Buffer.byteLength(body) <= MAX_BODY_BYTES);
        const answer = await answerTo(httpEvent({ body }));
        const accepted = feedbackSubmissionSchema.safeParse(value);
        if (accepted.success) expect(answer).toEqual({ statusCode: 202, body: accepted.data });
        else expectRefusal(answer);
      }),
      propertyRuns(500),
    );
  });

  it('accepts any valid feedback exactly as sent', async () => {
    await fc.assert(
      fc.asyncProperty(validFeedback, async (feedback) => {
        expect(await answerTo(httpEvent({ path: '/feedback', body: JSON.stringify(feedback) }))).toEqual({ statusCode: 202, body: feedback });
      }),
      propertyRuns(300),
    );
  });

  it('refuses any valid feedback with one member repeated, whichever value would win', async () => {
    await fc.assert(
      fc.asyncProperty(validFeedback, fc.nat(), async (feedback, pick) => {
        const names = Object.keys(feedback);
        const name = names[pick % names.length]!;
        const body = `${JSON.stringify(feedback).slice(0, -1)},${JSON.stringify(name)}:${JSON.stringify((feedback as Record<string, unknown>)[name])}}`;
        const answer = await answerTo(httpEvent({ body }));
        expect(answer.statusCode).toBe(400);
        expect(answer.body).toMatchObject({ error: { code: 'duplicate_key', details: [{ path: name }] } });
      }),
      propertyRuns(300),
    );
  });
});
