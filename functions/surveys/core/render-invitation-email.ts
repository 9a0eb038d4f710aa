import { EMAIL_LINK_TARGET } from '../../platform/email/email-link-target.ts';
import { escapeEmailHtml } from '../../platform/email/escape-email-html.ts';
import type { SurveyInvitation } from './customer-survey-history.ts';
import { SURVEY_LOCALES, surveyMessagesFor } from '../messages/survey-message-catalogue.ts';
import type { SurveyMessages } from '../messages/survey-messages.ts';
import { pickLocale } from './pick-locale.ts';
import { surveyPageLink, unsubscribeLink } from './survey-links.ts';
import { signSurveyToken } from './survey-token.ts';
import { signUnsubscribeToken } from './unsubscribe-token.ts';

/** One header of the message, as SES v2's `Content.Simple.Headers` takes it. */
export interface EmailHeader {
  readonly name: string;
  readonly value: string;
}

/** An invitation (or reminder) email, ready for SES: subject, both parts and the list headers. */
export interface InvitationEmail {
  readonly locale: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: readonly EmailHeader[];
}

/** What the email says to whom. The recipient's fields come from the CONTACT item: personal data. */
export interface InvitationEmailInput {
  readonly invitation: SurveyInvitation;
  readonly recipient: { readonly name?: string | undefined; readonly locale?: string | undefined };
  readonly reminder: boolean;
  readonly baseUrl: URL;
  /** The current key of the link-signing ring. */
  readonly signingKey: string;
}

/** The one-click scores of each survey kind: CSAT 1 to 5 after a case, NPS 0 to 10 in campaigns. */
const oneClickScores = (kind: SurveyInvitation['kind']): readonly number[] =>
  kind === 'post_resolution' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Renders the invitation or reminder email of an invitation in the customer's language (the
 * contact's locale, else English): a subject, an HTML part and a plain-text part with the same
 * one-click rating links (`/s/{token}?score=N`), the link to the full survey page and the
 * unsubscribe link, plus the RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post` headers so
 * mail clients offer one-click unsubscribe. Every text is HTML-escaped in the HTML part, the
 * customer's name included. Both tokens expire with the invitation (the unsubscribe one later).
 *
 * @example
 * ```ts
 * const email = renderInvitationEmail({ invitation, recipient: { name: 'Ada', locale: 'ja' }, reminder: false, baseUrl, signingKey: ring.current });
 * await mailer.send({ to: contact.email, ...email, tags: { invitationId: invitation.invitationId } });
 * ```
 */
export const renderInvitationEmail = ({ invitation, recipient, reminder, baseUrl, signingKey }: InvitationEmailInput): InvitationEmail => {
  const locale = pickLocale(recipient.locale, undefined, SURVEY_LOCALES);
  const messages = surveyMessagesFor(locale);
  const expiresAt = new Date(invitation.expiresAt);
  const surveyToken = signSurveyToken(invitation.invitationId, expiresAt, signingKey);
  const unsubscribe = unsubscribeLink(baseUrl, signUnsubscribeToken(invitation.invitationId, expiresAt, signingKey));
  const csat = invitation.kind === 'post_resolution';
  const content: EmailContent = {
    messages,
    greeting: greetingOf(messages, recipient.name),
    intro: reminder ? messages.emailReminderIntro : csat ? messages.emailIntro : messages.emailRelationshipIntro,
    prompt: csat ? messages.emailCsatPrompt : messages.emailNpsPrompt,
    lowLabel: csat ? messages.csatLowLabel : messages.npsLowLabel,
    highLabel: csat ? messages.csatHighLabel : messages.npsHighLabel,
    ratings: oneClickScores(invitation.kind).map((score) => ({ score, href: surveyPageLink(baseUrl, surveyToken, score) })),
    surveyHref: surveyPageLink(baseUrl, surveyToken),
    unsubscribeHref: unsubscribe,
  };
  return {
    locale,
    subject: reminder ? messages.emailReminderSubject : messages.emailSubject,
    html: htmlOf(locale, content),
    text: textOf(content),
    headers: [
      { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ],
  };
};

interface EmailContent {
  readonly messages: SurveyMessages;
  readonly greeting: string;
  readonly intro: string;
  readonly prompt: string;
  readonly lowLabel: string;
  readonly highLabel: string;
  readonly ratings: readonly { readonly score: number; readonly href: string }[];
  readonly surveyHref: string;
  readonly unsubscribeHref: string;
}

// Line breaks and other controls in a name would break the text part's layout; a name is one line.
const greetingOf = (messages: SurveyMessages, name: string | undefined): string => {
  const oneLine = name?.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
  return oneLine ? `${messages.emailGreetingBeforeName}${oneLine}${messages.emailGreetingAfterName}` : messages.emailGreetingWithoutName;
};

const textOf = (content: EmailContent): string => {
  const { ratings } = content;
  const label = (index: number) => (index === 0 ? ` (${content.lowLabel})` : index === ratings.length - 1 ? ` (${content.highLabel})` : '');
  return [
    content.greeting,
    '',
    content.intro,
    '',
    content.prompt,
    ...ratings.map((rating, index) => `  ${rating.score}${label(index)}: ${rating.href}`),
    '',
    `${content.messages.emailOpenSurvey}: ${content.surveyHref}`,
    '',
    '--',
    content.messages.emailFooter,
    `${content.messages.emailUnsubscribe}: ${content.unsubscribeHref}`,
    '',
  ].join('\n');
};

// Email clients ignore <style> blocks unevenly, so the few styles are inline. No script, no
// remote image: nothing in the message calls home.
const htmlOf = (locale: string, content: EmailContent): string => {
  const e = escapeEmailHtml;
  const button =
    'display:inline-block;min-width:2em;margin:2px;padding:8px 10px;border:1px solid #0b57d0;border-radius:4px;color:#0b57d0;text-decoration:none;text-align:center';
  const ratings = content.ratings
    .map((rating) => `<a href="${e(rating.href)}"${EMAIL_LINK_TARGET} style="${button}" aria-label="${rating.score}">${rating.score}</a>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${e(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.messages.emailSubject)}</title></head>
<body style="margin:0;padding:16px;font-family:sans-serif;color:#222;line-height:1.5">
<p>${e(content.greeting)}</p>
<p>${e(content.intro)}</p>
<p>${e(content.prompt)}</p>
<p>${ratings}</p>
<p style="font-size:0.9em">${e(content.lowLabel)} &larr; &rarr; ${e(content.highLabel)}</p>
<p><a href="${e(content.surveyHref)}"${EMAIL_LINK_TARGET} style="color:#0b57d0">${e(content.messages.emailOpenSurvey)}</a></p>
<hr style="border:none;border-top:1px solid #ccc">
<p style="font-size:0.85em;color:#333">${e(content.messages.emailFooter)} <a href="${e(content.unsubscribeHref)}"${EMAIL_LINK_TARGET} style="color:#333">${e(content.messages.emailUnsubscribe)}</a></p>
</body>
</html>
`;
};
