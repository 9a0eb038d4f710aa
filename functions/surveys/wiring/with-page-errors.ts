import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { renderMessagePage } from '../pages/render-message-page.ts';
import { SURVEY_LOCALES } from '../messages/survey-message-catalogue.ts';
import { pickLocale } from '../core/pick-locale.ts';
import { RequestError } from '../../platform/http/request-errors.ts';
import { logger } from '../../platform/logging/logger.ts';
import { pageResponse } from './unavailable-link-response.ts';
import { errorForLog } from '../../platform/logging/error-for-log.ts';

type Handle = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Gives a person in a browser the localized "something went wrong" page instead of the JSON
 * error body, with the same status (503 when a dependency is busy, 500 for our own failures,
 * the 4xx of a refused request). JSON clients (`json(event)` true) keep the JSON body the
 * `httpHandler` middleware writes. Only codes and statuses are logged: the body may hold a comment.
 *
 * @example
 * ```ts
 * export const handler = httpHandler(withPageErrors(handle, (event) => wantsJson(event.headers)), { metrics });
 * ```
 */
export const withPageErrors =
  (handle: Handle, json: (event: APIGatewayProxyEventV2) => boolean): Handle =>
  async (event, context) => {
    try {
      return await handle(event, context);
    } catch (error) {
      if (json(event)) throw error;
      const statusCode = error instanceof RequestError ? error.statusCode : 500;
      if (statusCode >= 500) logger.error('Page failed', { code: error instanceof RequestError ? error.code : 'internal_error', error: errorForLog(error) });
      const locale = pickLocale(undefined, event.headers?.['accept-language'], SURVEY_LOCALES);
      return pageResponse(statusCode, renderMessagePage(locale, 'error'));
    }
  };
