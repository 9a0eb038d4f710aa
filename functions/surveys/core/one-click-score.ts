import type { SurveyKind } from '../contracts/survey-decision-record.ts';
import type { SurveyPageState } from './survey-page-state.ts';
import type { SurveyResponse } from './record-survey-answer.ts';

/**
 * A one-click link's `?score=N`, when it is a score this survey asks for.
 *
 * @internal exported for its tests only
 */
export const oneClickScore = (query: string | undefined, kind: SurveyKind): number | undefined => {
  if (query === undefined || !/^\d{1,2}$/.test(query)) return undefined;
  const score = Number(query);
  const [low, high] = kind === 'post_resolution' ? [1, 5] : [0, 10];
  return score >= low && score <= high ? score : undefined;
};

/** What opening the survey page (`GET`) does with the link's `?score=N`. */
export type SurveyPageOpening = {
  /** The score the page pre-selects: the link's, when it is one this survey asks for. */
  readonly score: number | undefined;
  /** The score to queue as a provisional answer, if any. */
  readonly provisional: { readonly csat: number } | { readonly nps: number } | undefined;
  /** The notice above the form. */
  readonly notice: 'provisional' | 'answered' | undefined;
};

/**
 * The one-click rule: a rating link's score pre-selects the page and is recorded as a
 * provisional answer, never over a confirmed one (a mail scanner opening every rating link would
 * otherwise overwrite the customer's answer). The page then asks the customer to confirm it; an
 * open page without a recordable score says whether the survey was answered already.
 *
 * @example
 * ```ts
 * surveyPageOpening('4', 'post_resolution', undefined, 'open');
 * // { score: 4, provisional: { csat: 4 }, notice: 'provisional' }
 * ```
 */
export const surveyPageOpening = (
  scoreQuery: string | undefined,
  kind: SurveyKind,
  response: Pick<SurveyResponse, 'status'> | undefined,
  state: SurveyPageState,
): SurveyPageOpening => {
  const score = oneClickScore(scoreQuery, kind);
  const recorded = score !== undefined && response?.status !== 'confirmed';
  return {
    score,
    provisional: recorded ? (kind === 'post_resolution' ? { csat: score } : { nps: score }) : undefined,
    notice: recorded ? 'provisional' : state === 'answered' ? 'answered' : undefined,
  };
};
