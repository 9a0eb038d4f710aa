import type { SurveyInvitation } from '../core/customer-survey-history.ts';
import { SURVEY_LOCALES } from '../messages/survey-message-catalogue.ts';
import { pickLocale } from '../core/pick-locale.ts';
import type { SurveyAnswerStore } from '../core/survey-answer-store.ts';
import { callDependency } from '../../platform/http/call-dependency.ts';
import { InvalidLinkTokenError } from '../../links/core/errors.ts';

/** An invitation reached through a verified link, in the language to show it in. */
export type OpenedLink =
  | { readonly kind: 'opened'; readonly invitation: SurveyInvitation; readonly locale: string }
  /** The link grants nothing (`invalid_link`) or its survey can no longer be answered (`closed`). */
  | { readonly kind: 'unavailable'; readonly page: 'invalid_link' | 'closed'; readonly locale: string };

/**
 * Verifies a survey or unsubscribe link's token and loads the invitation it names, with the
 * customer's language (their contact's `locale`, then the browser's Accept-Language). Refusals
 * are answers, not errors: every one becomes a localized page.
 *
 * @example
 * ```ts
 * const opened = await openSurveyLink(() => verifySurveyToken(token, keys, now), event.headers['accept-language'], store);
 * ```
 */
export const openSurveyLink = async (verify: () => string, acceptLanguage: string | undefined, store: SurveyAnswerStore): Promise<OpenedLink> => {
  let invitationId: string;
  try {
    invitationId = verify();
  } catch (error) {
    if (!(error instanceof InvalidLinkTokenError)) throw error;
    const locale = pickLocale(undefined, acceptLanguage, SURVEY_LOCALES);
    return { kind: 'unavailable', page: error.reason === 'expired' ? 'closed' : 'invalid_link', locale };
  }
  const invitation = await callDependency(store.loadInvitation(invitationId));
  if (!invitation) return { kind: 'unavailable', page: 'invalid_link', locale: pickLocale(undefined, acceptLanguage, SURVEY_LOCALES) };
  const customerLocale = await callDependency(store.loadCustomerLocale(invitation.customerId));
  return { kind: 'opened', invitation, locale: pickLocale(customerLocale, acceptLanguage, SURVEY_LOCALES) };
};
