import { describe, expect, it } from 'vitest';
import { DEFAULT_SURVEY_REASONS } from '../../../../functions/surveys/contracts/survey-answer.ts';
import { en } from '../../../../functions/surveys/messages/en.ts';
import { ja } from '../../../../functions/surveys/messages/ja.ts';
import { SURVEY_LOCALES, surveyMessagesFor } from '../../../../functions/surveys/messages/survey-message-catalogue.ts';
import type { SurveyMessages } from '../../../../functions/surveys/messages/survey-messages.ts';

// Every leaf of a catalogue as "key" or "key.subkey", with its text.
const leavesOf = (messages: object, prefix = ''): [string, unknown][] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leavesOf(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );

describe('survey message catalogues', () => {
  it('offer English first, then Japanese', () => {
    expect(SURVEY_LOCALES).toEqual(['en', 'ja']);
  });

  it.each(SURVEY_LOCALES.map((locale) => [locale]))('%s has exactly the keys English has, each a visible text', (locale) => {
    const leaves = leavesOf(surveyMessagesFor(locale));
    expect(leaves.map(([key]) => key).sort()).toEqual(
      leavesOf(en)
        .map(([key]) => key)
        .sort(),
    );
    // The text before the customer's name may be empty: Japanese puts its honorific after the name.
    const mayBeEmpty = new Set(['emailGreetingBeforeName']);
    expect(leaves.filter(([key, text]) => typeof text !== 'string' || (text.trim() === '' && !mayBeEmpty.has(key)))).toEqual([]);
  });

  it('label every default reason in every language', () => {
    for (const locale of SURVEY_LOCALES) expect(Object.keys(surveyMessagesFor(locale).reasonLabels).sort()).toEqual([...DEFAULT_SURVEY_REASONS].sort());
  });

  it('are translated: no Japanese text is the English one', () => {
    const english = new Map(leavesOf(en));
    expect(leavesOf(ja).filter(([key, text]) => english.get(key) === text)).toEqual([]);
  });

  it.each([
    ['ja', ja.thankYouTitle],
    ['en', en.thankYouTitle],
    ['fr', en.thankYouTitle],
    ['toString', en.thankYouTitle],
  ])('gives the %s texts, English where there is no catalogue', (locale, thankYou) => {
    expect(surveyMessagesFor(locale).thankYouTitle).toBe(thankYou);
  });

  it('are checked by the compiler: a catalogue missing a key is not a SurveyMessages', () => {
    const { thankYouTitle: _missing, ...withoutThankYou } = ja;
    // @ts-expect-error thankYouTitle is missing, so tsc refuses this (and `npm run typecheck` fails if it ever stops refusing it).
    const incomplete: SurveyMessages = withoutThankYou;
    expect(Object.keys(incomplete)).not.toContain('thankYouTitle');
  });
});
