import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { storedEscalationSchema } from '../../../functions/escalation/contracts/stored-escalation-items.ts';
import { storedComplaintStatusSchema } from '../../../functions/intake/contracts/stored-complaint.ts';
import { changeOf, tallyOf } from '../../../functions/reports/core/counter-tally.ts';
import { storedInvitationSchema } from '../../../functions/surveys/contracts/stored-invitation.ts';
import { storedSurveyResponseSchema } from '../../../functions/surveys/contracts/stored-survey-response.ts';
import { reportHistoryItems } from '../../../local/demo/report-history.ts';

const history = reportHistoryItems('2026-12-06').map((item) => unmarshall(item));
const ofKind = (sk: string) => history.filter((item) => item['sk'] === sk);

describe('the demo’s quarter of history', () => {
  it('holds every kind of item the reports count, in the 91 days before today and none after', () => {
    expect(ofKind('INVITATION').length).toBeGreaterThan(1000);
    expect(ofKind('RESPONSE').length).toBeGreaterThan(400);
    expect(ofKind('ESCALATION').length).toBeGreaterThan(30);
    expect(ofKind('COMPLAINT').length).toBeGreaterThan(15);
    expect(ofKind('FEEDBACK').length).toBeGreaterThan(300);
    const instants = history
      .flatMap((item) => [item['sentAt'], item['firstAnsweredAt'], item['createdAt'], item['acceptedAt']])
      .filter((at) => typeof at === 'string');
    expect(instants.every((at) => at >= '2026-09-06T00:00:00.000Z' && at < '2026-12-06T00:00:00.000Z')).toBe(true);
    // A relationship survey on each first of the month, reported under no team.
    expect(
      new Set(
        ofKind('INVITATION')
          .filter((item) => item['kind'] === 'relationship')
          .map((item) => String(item['sentAt']).slice(0, 10)),
      ),
    ).toEqual(new Set(['2026-10-01', '2026-11-01', '2026-12-01']));
  });

  it('is shaped as the writers store it: every item reads back through its stored schema and counts', () => {
    for (const item of ofKind('INVITATION')) expect(storedInvitationSchema.safeParse(item).success).toBe(true);
    for (const item of ofKind('RESPONSE')) expect(storedSurveyResponseSchema.safeParse(item).success).toBe(true);
    for (const item of ofKind('ESCALATION')) expect(storedEscalationSchema.safeParse(item).success).toBe(true);
    for (const item of ofKind('COMPLAINT')) expect(storedComplaintStatusSchema.safeParse(item).success).toBe(true);
    for (const sk of ['INVITATION', 'RESPONSE', 'ESCALATION', 'COMPLAINT', 'FEEDBACK'])
      for (const item of ofKind(sk)) expect(tallyOf(item).size).toBeGreaterThan(0);
    // Retention as the writers give it, TTL in epoch seconds: audit entries go with their
    // escalation, and a complaint under review is kept until resolved.
    const retained = history.filter((item) => !String(item['sk']).startsWith('AUDIT#') && item['status'] !== 'under_review');
    expect(retained.every((item) => typeof item['expiresAt'] === 'number')).toBe(true);
    const underReview = history.filter((item) => item['sk'] === 'COMPLAINT' && item['status'] === 'under_review');
    expect(underReview.length).toBeGreaterThan(0);
    expect(underReview.every((item) => item['expiresAt'] === undefined)).toBe(true);
    const resolved = history.filter((item) => item['sk'] === 'COMPLAINT' && item['status'] === 'resolved');
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((item) => item['expiresAt'] === Math.floor(Date.parse(String(item['resolvedAt'])) / 1000) + 1095 * 86_400)).toBe(true);
  });

  it('is the same when seeded again the same day, so the counters do not count it twice', () => {
    const again = reportHistoryItems('2026-12-06').map((item) => unmarshall(item));
    expect(again).toEqual(history);
    for (const [index, item] of again.entries()) expect(changeOf(history[index], item).size).toBe(0);
    // The next day's history shares all but its first and last day with today's.
    const tomorrow = new Set(reportHistoryItems('2026-12-07').map((item) => `${unmarshall(item)['pk']} ${unmarshall(item)['sk']}`));
    expect(history.filter((item) => tomorrow.has(`${item['pk']} ${item['sk']}`)).length).toBeGreaterThan(history.length * 0.9);
  });

  it('tells a story the reports can show: general support improving, cloud platform slipping', () => {
    const satisfiedShare = (team: string, months: readonly string[]) => {
      const scores = ofKind('RESPONSE')
        .filter((item) => item['reportedAs']?.team === team && item['status'] === 'confirmed' && months.includes(String(item['firstAnsweredAt']).slice(0, 7)))
        .map((item) => item['answer'].csat as number);
      return scores.filter((score) => score >= 4).length / scores.length;
    };
    expect(satisfiedShare('general-support', ['2026-11', '2026-12'])).toBeGreaterThan(satisfiedShare('general-support', ['2026-09', '2026-10']));
    expect(satisfiedShare('cloud-platform', ['2026-11', '2026-12'])).toBeLessThan(satisfiedShare('cloud-platform', ['2026-09', '2026-10']));
  });
});
