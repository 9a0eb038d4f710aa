import { renderMessagePage } from '../pages/render-message-page.ts';
import { PAGE_STYLE_SOURCE } from '../../platform/pages/page-layout.ts';
import { surveyMessagesFor } from '../messages/survey-message-catalogue.ts';
import { htmlResponse } from '../../platform/http/html-response.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';

/**
 * The answer to a link that cannot be used: the localized invalid-link page (404) or closed page
 * (410), or for a JSON client the error body with the same status (and `status: "expired"` for a
 * closed survey). Never a stack trace, never a hint of which check failed.
 *
 * @example
 * ```ts
 * if (opened.kind === 'unavailable') return unavailableLinkResponse(opened, wantsJson(event.headers));
 * ```
 */
export const unavailableLinkResponse = (
  unavailable: { readonly page: 'invalid_link' | 'closed'; readonly locale: string; readonly kind?: string },
  json: boolean,
) => {
  const closed = unavailable.page === 'closed';
  const statusCode = closed ? 410 : 404;
  if (!json) return htmlResponse(statusCode, renderMessagePage(unavailable.locale, unavailable.page), PAGE_STYLE_SOURCE);
  const messages = surveyMessagesFor(unavailable.locale);
  const error = closed
    ? { code: 'survey_closed', message: messages.closedTitle, details: [] }
    : { code: 'invalid_token', message: messages.invalidLinkTitle, details: [] };
  return jsonResponse(statusCode, closed ? { status: 'expired', kind: unavailable.kind, locale: unavailable.locale, error } : { error });
};

/** A page of the survey pages' look with their headers. */
export const pageResponse = (statusCode: number, html: string) => htmlResponse(statusCode, html, PAGE_STYLE_SOURCE);
