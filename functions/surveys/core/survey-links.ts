import { publicLink } from '../../links/core/public-link.ts';

/**
 * The links of an invitation email, all under the configured public base URL (never a request's
 * Host). The page, its one-click variants and the unsubscribe page are served by the API:
 * `GET /s/{token}` (with `?score=N` from a one-click rating link) and `GET|POST /u/{token}`.
 *
 * @example
 * ```ts
 * surveyPageLink(baseUrl, token);        // https://…/s/s.5f0c….1798761600.Qm9…
 * surveyPageLink(baseUrl, token, 4);     // …?score=4 (stored provisional until the customer confirms)
 * unsubscribeLink(baseUrl, unsubscribeToken);
 * ```
 */
export const surveyPageLink = (baseUrl: URL, surveyToken: string, score?: number): string =>
  publicLink(baseUrl, `/s/${encodeURIComponent(surveyToken)}`, score === undefined ? {} : { score: String(score) });

/** The one-click unsubscribe page (GET shows one button; POST, as RFC 8058's List-Unsubscribe-Post sends, records it). */
export const unsubscribeLink = (baseUrl: URL, unsubscribeToken: string): string => publicLink(baseUrl, `/u/${encodeURIComponent(unsubscribeToken)}`);
