import { describe, expect, it } from 'vitest';
import {
  csatFigures,
  durationFigures,
  MINIMUM_SAMPLE,
  npsFigures,
  reportFigures,
  responseRateFigures,
  shareOf,
  surveyFigures,
  wilsonInterval,
} from '../../../../functions/reports/core/report-figures.ts';

const counts = (fields: Record<string, number>) => new Map(Object.entries(fields));

// Every expected figure below is worked by hand (and checked against a second implementation):
// Wilson: centre (p + z²/2n) / (1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²) / (1 + z²/n), z = 1.959964.
describe('the report figures, against hand-computed tables', () => {
  it.each([
    [45, 50, 0.786398, 0.956524],
    [30, 40, 0.59806, 0.858129],
    [0, 10, 0, 0.277533], // none: the interval still says how little 10 answers show
    [10, 10, 0.722467, 1], // all: never above 100%
    [4, 200, 0.007804, 0.050287],
  ])('Wilson interval of %i in %i is [%f, %f]', (count, of, low, high) => {
    const interval = wilsonInterval(count, of);
    expect(interval.low).toBeCloseTo(low, 5);
    expect(interval.high).toBeCloseTo(high, 5);
  });

  it('withholds a share below the minimum sample, saying so, and gives it with its interval from there', () => {
    expect(MINIMUM_SAMPLE).toBe(20);
    expect(shareOf(0, 0)).toEqual({ count: 0, of: 0, value: null, low: null, high: null, tooFew: true });
    expect(shareOf(1, 1)).toEqual({ count: 1, of: 1, value: null, low: null, high: null, tooFew: true });
    expect(shareOf(19, 19).tooFew).toBe(true);
    expect(shareOf(20, 20)).toMatchObject({ value: 1, high: 1, tooFew: false });
  });

  it('CSAT: the share of 4 and 5 among the answers, the mean, the distribution', () => {
    // 2 + 3 + 5 + 10 + 20 = 40 answers; satisfied 30; mean (2 + 6 + 15 + 40 + 100) / 40 = 4.075.
    const csat = csatFigures(counts({ csat_1: 2, csat_2: 3, csat_3: 5, csat_4: 10, csat_5: 20 }));
    expect(csat).toMatchObject({ answers: 40, mean: 4.075, distribution: [2, 3, 5, 10, 20] });
    expect(csat.satisfied).toMatchObject({ count: 30, of: 40, value: 0.75, tooFew: false });
    expect(csat.satisfied.low).toBeCloseTo(0.59806, 5);
    // An empty period and a single answer: counts, no percentage, no mean.
    expect(csatFigures(counts({}))).toMatchObject({ answers: 0, mean: null, satisfied: { value: null, tooFew: true } });
    expect(csatFigures(counts({ csat_5: 1 }))).toMatchObject({ answers: 1, mean: null, satisfied: { count: 1, of: 1, value: null, tooFew: true } });
  });

  it('NPS: promoters minus detractors in points, with counts and the interval of the difference', () => {
    // 50 promoters, 30 passives, 20 detractors: 50% − 20% = 30; Var = (0.5 + 0.2 − 0.3²) / 100 = 0.0061;
    // 1.959964 × √0.0061 = 0.15308, so 30 ± 15.31.
    const nps = npsFigures(counts({ nps_10: 30, nps_9: 20, nps_8: 20, nps_7: 10, nps_6: 5, nps_3: 10, nps_0: 5 }));
    expect(nps).toMatchObject({ answers: 100, promoters: 50, passives: 30, detractors: 20, tooFew: false });
    expect(nps.score).toBeCloseTo(30, 10);
    expect(nps.low).toBeCloseTo(14.69219, 4);
    expect(nps.high).toBeCloseTo(45.30781, 4);
    // All detractors: −100, and no spread to give an interval.
    expect(npsFigures(counts({ nps_0: 25 }))).toMatchObject({ answers: 25, detractors: 25, score: -100, low: -100, high: -100 });
    expect(npsFigures(counts({ nps_10: 5 }))).toMatchObject({ answers: 5, promoters: 5, score: null, low: null, high: null, tooFew: true });
  });

  it('response rate: answered, reminded and bounced shares of the invitations sent', () => {
    const rate = responseRateFigures(counts({ sent: 200, answered: 50, reminded: 120, bounced: 4 }));
    expect(rate.sent).toBe(200);
    expect(rate.answered).toMatchObject({ count: 50, of: 200, value: 0.25 });
    expect(rate.answered.low).toBeCloseTo(0.195082, 5);
    expect(rate.reminded.value).toBe(0.6);
    expect(rate.bounced.value).toBe(0.02);
    expect(responseRateFigures(counts({})).answered).toMatchObject({ of: 0, value: null, tooFew: true });
  });

  it('keeps unconfirmed one-click scores apart: they move no confirmed figure', () => {
    const figures = surveyFigures(counts({ responses: 20, csat_5: 20, unconfirmed_responses: 30, unconfirmed_csat_1: 30 }));
    expect(figures.csat).toMatchObject({ answers: 20, satisfied: { value: 1 } });
    expect(figures.unconfirmed).toMatchObject({ answers: 30, csat: { answers: 30, satisfied: { value: 0 } } });
  });

  it('time to acknowledge: the median and p90 as the bounds of their buckets, beyond the last bound said so', () => {
    const bounds = [5, 15, 30, 60];
    // 10 escalations: 6 within 15 minutes, 3 within an hour, 1 later. Half is reached in the 15-minute bucket, 90% in the hour's.
    expect(durationFigures(counts({ ack_within_15: 6, ack_within_60: 3, ack_within_inf: 1 }), 'ack_within_', bounds)).toEqual({
      count: 10,
      median: { withinMinutes: 15 },
      p90: { withinMinutes: 60 },
    });
    expect(durationFigures(counts({ ack_within_5: 1, ack_within_inf: 9 }), 'ack_within_', bounds)).toEqual({
      count: 10,
      median: { overMinutes: 60 },
      p90: { overMinutes: 60 },
    });
    expect(durationFigures(counts({}), 'ack_within_', bounds)).toEqual({ count: 0, median: null, p90: null });
  });

  it('escalations by status and level, breaches, and premium attainment as met of decided; complaints by status; help-site helpfulness', () => {
    const figures = reportFigures(
      counts({
        escalations: 30,
        escalations_open: 4,
        escalations_resolved: 26,
        escalations_level_1: 25,
        escalations_level_2: 4,
        escalations_level_3: 1,
        escalations_level_4: 0,
        breached: 3,
        sla_met: 18,
        sla_missed: 2,
        complaints: 12,
        complaints_received: 2,
        complaints_under_review: 4,
        complaints_resolved: 6,
        feedback: 50,
        helpful_yes: 9,
        helpful_no: 21,
        rating_1: 10,
        rating_5: 10,
        comments: 7,
      }),
    );
    expect(figures.escalations).toMatchObject({
      escalations: 30,
      byStatus: { open: 4, claimed: 0, acknowledged: 0, resolved: 26 },
      byLevel: [
        { level: 1, escalations: 25 },
        { level: 2, escalations: 4 },
        { level: 3, escalations: 1 },
      ],
      breached: 3,
      slaAttainment: { count: 18, of: 20, value: 0.9 },
    });
    expect(figures.complaints).toEqual({ complaints: 12, received: 2, underReview: 4, resolved: 6 });
    // Helpful of those who said: 9 of 30; ratings 1 and 5, ten each: mean 3.
    expect(figures.feedback).toMatchObject({ feedback: 50, helpful: { count: 9, of: 30, value: 0.3 }, rating: { ratings: 20, mean: 3 }, comments: 7 });
  });
});
