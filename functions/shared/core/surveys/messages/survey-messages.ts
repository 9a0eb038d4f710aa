import type { DefaultSurveyReason } from '../../../contracts/survey-answer.ts';

/**
 * Every text a survey shows a customer, in one language. A catalogue is a plain object that
 * `satisfies` this type, so a key missing from any language fails `tsc`. Texts are plain (the
 * page and email templates escape them); none carries a placeholder, so no translation can break
 * a template.
 */
export interface SurveyMessages {
  readonly emailSubject: string;
  readonly emailReminderSubject: string;
  readonly emailIntro: string;
  readonly emailCsatPrompt: string;
  readonly emailNpsPrompt: string;
  readonly emailOpenSurvey: string;
  readonly emailUnsubscribe: string;
  /** The greeting around the customer's name: `${emailGreetingBeforeName}${name}${emailGreetingAfterName}`. */
  readonly emailGreetingBeforeName: string;
  readonly emailGreetingAfterName: string;
  /** The greeting when the support system sent no name. */
  readonly emailGreetingWithoutName: string;
  readonly emailReminderIntro: string;
  readonly emailRelationshipIntro: string;
  readonly emailFooter: string;
  readonly pageTitle: string;
  readonly csatQuestion: string;
  readonly csatLowLabel: string;
  readonly csatHighLabel: string;
  readonly npsQuestion: string;
  readonly npsLowLabel: string;
  readonly npsHighLabel: string;
  readonly cesQuestion: string;
  readonly cesLowLabel: string;
  readonly cesHighLabel: string;
  readonly reasonsQuestion: string;
  readonly reasonLabels: Readonly<Record<DefaultSurveyReason, string>>;
  readonly commentLabel: string;
  readonly submit: string;
  readonly confirmScore: string;
  readonly thankYouTitle: string;
  readonly thankYouBody: string;
  readonly closedTitle: string;
  readonly closedBody: string;
  readonly invalidLinkTitle: string;
  readonly invalidLinkBody: string;
  readonly unsubscribeQuestion: string;
  readonly unsubscribeConfirm: string;
  readonly unsubscribedBody: string;
}
