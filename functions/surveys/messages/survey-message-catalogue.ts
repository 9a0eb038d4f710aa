import { en } from './en.ts';
import { ja } from './ja.ts';
import type { SurveyMessages } from './survey-messages.ts';

const catalogue = { en, ja } as const satisfies Readonly<Record<string, SurveyMessages>>;

/** A locale with a survey catalogue. */
export type SurveyLocale = keyof typeof catalogue;

/**
 * The locales with a catalogue, English first (the fallback). A language is added by writing its
 * file beside `en.ts` and listing it in the catalogue; `pickLocale` then offers it.
 */
export const SURVEY_LOCALES = Object.keys(catalogue) as readonly SurveyLocale[];

/**
 * The survey's texts in `locale`, or in English when there is no catalogue for it.
 *
 * @example
 * ```ts
 * const messages = surveyMessagesFor(pickLocale(invitation.locale, headers['accept-language'], SURVEY_LOCALES));
 * messages.thankYouTitle; // 'ありがとうございました' for 'ja'
 * ```
 */
export const surveyMessagesFor = (locale: string): SurveyMessages => (Object.hasOwn(catalogue, locale) ? catalogue[locale as SurveyLocale] : en);
