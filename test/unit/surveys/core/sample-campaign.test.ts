import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerSurveyHistory } from '../../../../functions/surveys/core/customer-survey-history.ts';
import { sampleCampaign } from '../../../../functions/surveys/core/sample-campaign.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';
import { daysFromNow, history, invitation, now, policy } from './survey-fixtures.ts';

const customers = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `cust-${index}`, email: `c${index}@example.com` }));
const idsOf = (sample: { selected: readonly { id: string }[] }) => sample.selected.map((customer) => customer.id);

describe('sampleCampaign', () => {
  it('draws the sample size from the population', () => {
    const sample = sampleCampaign(customers(100), { sampleSize: 10, seed: 'nps-2026-q4' }, new Map(), policy(), now);
    expect(sample.selected).toHaveLength(10);
    expect(new Set(idsOf(sample)).size).toBe(10);
    expect(sample.eligibleCount).toBe(100);
  });

  it('draws the same customers for the same seed, whatever order they arrive in', () => {
    const population = customers(200);
    const first = sampleCampaign(population, { sampleSize: 20, seed: 'nps-2026-q4' }, new Map(), policy(), now);
    const reversed = sampleCampaign([...population].reverse(), { sampleSize: 20, seed: 'nps-2026-q4' }, new Map(), policy(), now);
    expect(idsOf(reversed)).toEqual(idsOf(first));
  });

  it('draws other customers for another seed', () => {
    const population = customers(200);
    const q4 = sampleCampaign(population, { sampleSize: 20, seed: 'nps-2026-q4' }, new Map(), policy(), now);
    const q1 = sampleCampaign(population, { sampleSize: 20, seed: 'nps-2027-q1' }, new Map(), policy(), now);
    expect(idsOf(q1)).not.toEqual(idsOf(q4));
  });

  it('counts a customer listed twice once', () => {
    const population = [...customers(3), ...customers(3)];
    expect(sampleCampaign(population, { sampleSize: 10, seed: 's' }, new Map(), policy(), now).selected).toHaveLength(3);
  });

  it.each<[string, CustomerSurveyHistory, string]>([
    ['opted out', history({ optedOut: true }), 'opted_out'],
    ['whose address bounced', history({ suppression: 'bounced' }), 'address_suppressed'],
    ['whose address complained', history({ suppression: 'complained' }), 'address_suppressed'],
    ['surveyed 89 days ago', history({ lastRelationshipSurveyAt: daysFromNow(-89) }), 'recently_surveyed'],
    [
      'with a relationship survey pending',
      history({ pendingRelationshipInvitations: [invitation({ kind: 'relationship', caseId: undefined, state: 'scheduled' })] }),
      'recently_surveyed',
    ],
  ])('never draws a customer %s, and says why', (_name, customerHistory, reason) => {
    const sample = sampleCampaign(customers(5), { sampleSize: 5, seed: 's' }, new Map([['cust-2', customerHistory]]), policy(), now);
    expect(idsOf(sample)).not.toContain('cust-2');
    expect(sample.selected).toHaveLength(4);
    expect(sample.skipped).toEqual([{ customerId: 'cust-2', reason }]);
  });

  it.each<[string, CustomerSurveyHistory]>([
    ['surveyed 90 days ago', history({ lastRelationshipSurveyAt: daysFromNow(-90) })],
    ['only asked about a case yesterday', history({ lastPostResolutionSurveyAt: daysFromNow(-1) })],
    [
      'whose last relationship invitation was cancelled',
      history({ pendingRelationshipInvitations: [invitation({ kind: 'relationship', state: 'cancelled' })] }),
    ],
  ])('may draw a customer %s', (_name, customerHistory) => {
    const sample = sampleCampaign(customers(5), { sampleSize: 5, seed: 's' }, new Map([['cust-2', customerHistory]]), policy(), now);
    expect(idsOf(sample)).toContain('cust-2');
  });

  it('follows a configured relationship throttle', () => {
    const histories = new Map([['cust-2', history({ lastRelationshipSurveyAt: daysFromNow(-100) })]]);
    expect(idsOf(sampleCampaign(customers(5), { sampleSize: 5, seed: 's' }, histories, policy({ relationshipThrottleDays: 120 }), now))).not.toContain(
      'cust-2',
    );
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses a sample size of %d', (sampleSize) => {
    expect(() => sampleCampaign(customers(5), { sampleSize, seed: 's' }, new Map(), policy(), now)).toThrow(RangeError);
  });

  it('for any population and seed, draws min(size, eligible) distinct eligible customers, the same each time', () => {
    const customerHistory = fc.oneof(
      fc.constant(history()),
      fc.constant(history({ optedOut: true })),
      fc.constant(history({ suppression: 'bounced' })),
      fc.integer({ min: 0, max: 200 }).map((days) => history({ lastRelationshipSurveyAt: daysFromNow(-days) })),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), customerHistory), { selector: ([id]) => id, maxLength: 60 }),
        fc.nat({ max: 70 }),
        fc.string(),
        (population, sampleSize, seed) => {
          const histories = new Map(population);
          const people = population.map(([id]) => ({ id }));
          const sample = sampleCampaign(people, { sampleSize, seed }, histories, policy(), now);
          const eligible = population.filter(
            ([, h]) => !h.optedOut && !h.suppression && !(h.lastRelationshipSurveyAt && Date.parse(h.lastRelationshipSurveyAt) > Date.parse(daysFromNow(-90))),
          );
          expect(sample.eligibleCount).toBe(eligible.length);
          expect(sample.selected).toHaveLength(Math.min(sampleSize, eligible.length));
          expect(new Set(idsOf(sample)).size).toBe(sample.selected.length);
          expect(idsOf(sample).every((id) => eligible.some(([eligibleId]) => eligibleId === id))).toBe(true);
          expect(sample.skipped).toHaveLength(population.length - eligible.length);
          expect(idsOf(sampleCampaign([...people].reverse(), { sampleSize, seed }, histories, policy(), now))).toEqual(idsOf(sample));
        },
      ),
      propertyRuns(200),
    );
  });
});
