import type { SurveyKind } from '../contracts/survey-decision-record.ts';
import type { SurveyPageState } from './survey-page-state.ts';
import type { SurveyResponse } from './record-survey-answer.ts';

/** A one-click link's `?score=N`, when it is a score this survey asks for. */
export const oneClickScore = (query: string | undefined, kind: SurveyKind): number | undefined => {
  if (query === undefined || !/^\d{1,2}$/.test(query)) return undefined;
  const score = Number(query);
  const [low, high] = kind === 'post_resolution' ? [1, 5] : [0, 10];
  return score >= low && score <= high ? score : undefined;
};

/** What opening the survey page (`GET`) does with the link's `?score=N`. */
export type SurveyPageOpening = {
  /** The score the page pre-selects: the link's, when it is one this survey asks for. */
  readonly score?: number;
  /** The score to queue as a provisional answer, if any. */
  readonly provisionalAnswer?: { readonly csat: number } | { readonly nps: number };
  /** The notice above the form. */
  readonly notice?: 'provisional' | 'answered';
};

/**
 * The one-click rule: a rating link's score pre-selects the page and is recorded as a
 * provisional answer, never over a confirmed one (a mail scanner opening every rating link would
 * otherwise overwrite the customer's answer). The page then asks the customer to confirm it; an
 * open page without a recordable score says whether the survey was answered already.
 *
 * @example
 * ```ts
 * surveyPageOpening({ scoreQuery: '4', kind: 'post_resolution', response: undefined, state: 'open' });
 * // { score: 4, provisionalAnswer: { csat: 4 }, notice: 'provisional' }
 * ```
 */
export const surveyPageOpening = (input: {
  readonly scoreQuery: string | undefined;
  readonly kind: SurveyKind;
  readonly response: Pick<SurveyResponse, 'status'> | undefined;
  readonly state: SurveyPageState;
}): SurveyPageOpening => {
  const score = oneClickScore(input.scoreQuery, input.kind);
  if (score !== undefined && input.response?.status !== 'confirmed')
    return { score, provisionalAnswer: input.kind === 'post_resolution' ? { csat: score } : { nps: score }, notice: 'provisional' };
  return { ...(score === undefined ? {} : { score }), ...(input.state === 'answered' ? { notice: 'answered' as const } : {}) };
};
