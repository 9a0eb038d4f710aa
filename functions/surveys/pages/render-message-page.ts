import { surveyMessagesFor } from '../messages/survey-message-catalogue.ts';
import type { SurveyMessages } from '../messages/survey-messages.ts';
import { escapeHtml } from '../../platform/pages/escape-html.ts';
import { pageLayout } from '../../platform/pages/page-layout.ts';

/** The pages that only say something: after an answer, an unsubscribe, or instead of a survey that cannot be answered. */
export type MessagePageKind = 'thank_you' | 'closed' | 'invalid_link' | 'unsubscribed' | 'error';

const textsOf = (kind: MessagePageKind, messages: SurveyMessages): { title: string; body: string } => {
  switch (kind) {
    case 'thank_you':
      return { title: messages.thankYouTitle, body: messages.thankYouBody };
    case 'closed':
      return { title: messages.closedTitle, body: messages.closedBody };
    case 'invalid_link':
      return { title: messages.invalidLinkTitle, body: messages.invalidLinkBody };
    case 'unsubscribed':
      return { title: messages.page.unsubscribedTitle, body: messages.unsubscribedBody };
    case 'error':
      return { title: messages.page.errorTitle, body: messages.page.errorBody };
  }
};

/**
 * A page with a title and one paragraph in the customer's language: the thank-you page, the
 * closed and invalid-link pages (never a stack trace), the unsubscribe confirmation.
 *
 * @example
 * ```ts
 * renderMessagePage('ja', 'thank_you'); // <h1>ありがとうございました</h1>…
 * ```
 */
export const renderMessagePage = (locale: string, kind: MessagePageKind): string => {
  const { title, body } = textsOf(kind, surveyMessagesFor(locale));
  return pageLayout({ locale, title, body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(body)}</p>` });
};
