import type { DefaultSurveyReason } from '../contracts/survey-answer.ts';

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
  readonly reasonLabels: SurveyReasonLabels;
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
  /** Texts only the survey and unsubscribe pages show. */
  readonly page: SurveyPageMessages;
}

/** The label of each default reason code, as the survey page offers it and the supervisor console shows it. */
export type SurveyReasonLabels = Readonly<Record<DefaultSurveyReason, string>>;

/** The pages' own texts: notices, form errors and titles the email never shows. */
interface SurveyPageMessages {
  /** Shown above the form when a one-click rating from the email pre-selected the score. */
  readonly provisionalNotice: string;
  /** Shown above the form when the customer already answered and may change the answer. */
  readonly answeredNotice: string;
  readonly cesOptional: string;
  readonly scoreMissing: string;
  readonly answerInvalid: string;
  readonly unsubscribeTitle: string;
  readonly unsubscribedTitle: string;
  readonly errorTitle: string;
  readonly errorBody: string;
}
