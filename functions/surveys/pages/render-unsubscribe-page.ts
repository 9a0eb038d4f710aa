import { surveyMessagesFor } from '../messages/survey-message-catalogue.ts';
import { escapeHtml } from '../../platform/pages/escape-html.ts';
import { pageLayout } from '../../platform/pages/page-layout.ts';

/**
 * The unsubscribe page: a question and one button that posts the form. Opening the link does
 * nothing by itself, because mail security scanners open every link in a message.
 *
 * @example
 * ```ts
 * renderUnsubscribePage({ locale: 'en', formAction: `./${token}` });
 * ```
 */
export const renderUnsubscribePage = ({ locale, formAction }: { readonly locale: string; readonly formAction: string }): string => {
  const messages = surveyMessagesFor(locale);
  const body = [
    `<h1>${escapeHtml(messages.page.unsubscribeTitle)}</h1>`,
    `<form method="post" action="${escapeHtml(formAction)}">`,
    `<p>${escapeHtml(messages.unsubscribeQuestion)}</p>`,
    '<input type="hidden" name="List-Unsubscribe" value="One-Click">',
    `<button type="submit">${escapeHtml(messages.unsubscribeConfirm)}</button>`,
    '</form>',
  ].join('\n');
  return pageLayout({ locale, title: messages.page.unsubscribeTitle, body });
};
