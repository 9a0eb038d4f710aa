import type { SurveyMessages, SurveyReasonLabels } from './survey-messages.ts';

/**
 * The reason codes' English labels, on their own so the supervisor console can show a ticked reason
 * as the customer saw it without bundling the rest of the survey's texts.
 */
export const enReasonLabels: SurveyReasonLabels = {
  speed: 'Speed',
  knowledge: 'Knowledge',
  courtesy: 'Courtesy',
  resolution: 'Resolution',
  communication: 'Communication',
  other: 'Other',
};

/** The survey's English texts, and the fallback for every other language. */
export const en = {
  emailSubject: 'How did we do?',
  emailReminderSubject: 'A reminder: how did we do?',
  emailIntro: 'Your support request was recently resolved. We would like to know how it went.',
  emailCsatPrompt: 'How satisfied are you with the support you received? Choose a rating:',
  emailNpsPrompt: 'How likely are you to recommend us to a friend or colleague? Choose a score:',
  emailOpenSurvey: 'Open the survey',
  emailUnsubscribe: 'Unsubscribe from surveys',
  emailGreetingBeforeName: 'Dear ',
  emailGreetingAfterName: ',',
  emailGreetingWithoutName: 'Hello,',
  emailReminderIntro: 'A few days ago we asked how your recent support request went. If you have a minute, we would still like to hear from you.',
  emailRelationshipIntro: 'From time to time we ask our customers how we are doing. It takes less than a minute.',
  emailFooter: 'You receive this email because you contacted our support. One click on the link below stops all survey emails.',
  pageTitle: 'Tell us about your support experience',
  csatQuestion: 'How satisfied are you with the support you received?',
  csatLowLabel: 'Very dissatisfied',
  csatHighLabel: 'Very satisfied',
  npsQuestion: 'How likely are you to recommend us to a friend or colleague?',
  npsLowLabel: 'Not at all likely',
  npsHighLabel: 'Extremely likely',
  cesQuestion: 'The company made it easy for me to handle my issue.',
  cesLowLabel: 'Strongly disagree',
  cesHighLabel: 'Strongly agree',
  reasonsQuestion: 'What mattered most? (optional)',
  reasonLabels: enReasonLabels,
  commentLabel: 'Anything else you would like to tell us? (optional)',
  submit: 'Send',
  confirmScore: 'Confirm my rating',
  thankYouTitle: 'Thank you',
  thankYouBody: 'Your answer has been saved. You can change it until the survey closes.',
  closedTitle: 'This survey has closed',
  closedBody: 'The time to answer this survey has passed. Thank you for your interest.',
  invalidLinkTitle: 'This link does not work',
  invalidLinkBody: 'Please use the link from your invitation email, exactly as it was sent.',
  unsubscribeQuestion: 'Stop receiving survey emails from us?',
  unsubscribeConfirm: 'Unsubscribe',
  unsubscribedBody: 'You will not receive survey emails from us any more.',
  page: {
    provisionalNotice: 'We have selected the rating you chose in the email. Check it, add anything you like, and send it to confirm.',
    answeredNotice: 'You have already answered this survey. You can change your answer until it closes.',
    cesOptional: '(optional)',
    scoreMissing: 'Please choose a rating before sending.',
    answerInvalid: 'Some of the answers could not be saved. Please check them and send again.',
    unsubscribeTitle: 'Unsubscribe from surveys',
    unsubscribedTitle: 'You are unsubscribed',
    errorTitle: 'Something went wrong',
    errorBody: 'We could not load this page. Please try again in a few minutes.',
  },
} as const satisfies SurveyMessages;
