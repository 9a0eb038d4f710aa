import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { createEscalationItems } from '../../../../functions/escalation/adapters/escalation-items.ts';
import { ANALYTICS_COLUMNS, analyticsRecordOf, type ItemChange } from '../../../../functions/reports/core/analytics-record.ts';
import { openedEscalation } from '../../escalation/core/escalation-fixtures.ts';
import { surveyResponseItem } from '../report-items.ts';

const changedAt = '2026-12-06T09:00:05.000Z';
const inserted = (newImage: Record<string, unknown>): ItemChange => ({ eventName: 'INSERT', changedAt, expired: false, newImage });

const complaint = {
  pk: 'COMPLAINT#c-1',
  sk: 'COMPLAINT',
  reference: 'CMP-0000000A',
  status: 'resolved',
  category: 'billing',
  acceptedAt: '2026-12-01T09:00:00.000Z',
  receivedAt: '2026-12-01T09:00:01.000Z',
  resolvedAt: '2026-12-03T09:00:00.000Z',
  email: 'hanako@example.jp',
  name: '山田 花子',
  product: 'Hanako’s router',
  description: '請求が二重です',
  resolution: 'Refunded Hanako',
};
const feedback = {
  pk: 'FEEDBACK#f-1',
  sk: 'FEEDBACK',
  feedbackId: 'f-1',
  kind: 'article',
  articleId: 'kb-refunds',
  pageUrl: 'https://help.example.com/articles/kb-refunds?email=hanako@example.jp',
  helpful: false,
  rating: 2,
  comment: 'Call me on 090-1234-5678',
  locale: 'ja-JP',
  acceptedAt: '2026-12-02T09:00:00.000Z',
};
const escalation = unmarshall(createEscalationItems('feedback', openedEscalation({ resolution: 'Spoke to Hanako' }), 'CMP-0000000A')[0]!.Put!.Item!);
const response = surveyResponseItem({ answer: { csat: 2, reasons: ['slow', 'unresolved'], comment: 'Hanako here: call me on 090-1234-5678' } });

describe('the analytics copy of a change', () => {
  it('keeps a response’s scores, reasons, times and what it is reported under, and says whether it had a comment, not what', () => {
    expect(analyticsRecordOf(inserted(response))).toEqual({
      change: 'INSERT',
      changed_at: changedAt,
      item_type: 'survey_response',
      item_id: 'i-1',
      status: 'confirmed',
      source: 'page',
      survey_kind: 'post_resolution',
      csat: 2,
      reasons: 'slow unresolved',
      has_comment: true,
      first_answered_at: '2026-12-06T09:00:00.000Z',
      updated_at: '2026-12-06T09:00:00.000Z',
      confirmed_at: '2026-12-06T09:00:00.000Z',
      team: 'japan-support',
      agent: 'a-7',
      language: 'ja',
      tier: 'premium',
    });
  });

  it('keeps no email address, name or free text of any kind of item', () => {
    for (const item of [response, complaint, feedback, escalation]) {
      const line = JSON.stringify(analyticsRecordOf(inserted(item)));
      expect(line).not.toBe(undefined);
      for (const personal of ['hanako', 'Hanako', '山田', '090-1234-5678', '請求', 'Refunded', 'Spoke to']) expect(line).not.toContain(personal);
    }
    // A page is its host and path: the query string is where a visitor's typing ends up.
    expect(analyticsRecordOf(inserted(feedback))).toMatchObject({ page: 'help.example.com/articles/kb-refunds', language: 'ja', helpful: false, rating: 2 });
    expect(analyticsRecordOf(inserted(complaint))).toMatchObject({
      item_type: 'complaint',
      category: 'billing',
      status: 'resolved',
      resolved_at: complaint.resolvedAt,
    });
    expect(analyticsRecordOf(inserted(escalation))).toMatchObject({
      item_type: 'escalation',
      team: 'japan-support',
      severity: 'high',
      level: 1,
      guaranteed: true,
    });
  });

  it('marks TTL’s deletions as expiries and a person’s as removals, from the old image', () => {
    expect(analyticsRecordOf({ eventName: 'REMOVE', changedAt, expired: true, oldImage: complaint })).toMatchObject({
      change: 'EXPIRE',
      item_id: 'CMP-0000000A',
    });
    expect(analyticsRecordOf({ eventName: 'REMOVE', changedAt, expired: false, oldImage: complaint })).toMatchObject({ change: 'REMOVE' });
  });

  it('copies nothing of the items the reports do not count', () => {
    for (const item of [
      { pk: 'CUSTOMER#c-1', sk: 'CONTACT', email: 'hanako@example.jp' },
      { pk: 'NOTIFICATION#n-1', sk: 'NOTIFICATION', to: 'sup@example.com' },
      { pk: 'ESCALATION#e-1', sk: 'AUDIT#0001', detail: { text: 'called her' } },
      { pk: 'INVITATION#i-1', sk: 'RESPONSE', status: 'maybe' },
    ])
      expect(analyticsRecordOf(inserted(item))).toBeUndefined();
  });

  it('writes only the Athena table’s columns, each of its type', () => {
    const columns = new Map(ANALYTICS_COLUMNS);
    const typeOf = (value: unknown) => (typeof value === 'number' ? 'int' : typeof value);
    for (const item of [response, complaint, feedback, escalation, surveyResponseItem({ answer: { nps: 9 }, aboutProductNotAgent: true })])
      for (const [field, value] of Object.entries(analyticsRecordOf(inserted(item))!)) expect([field, columns.get(field)]).toEqual([field, typeOf(value)]);
  });
});
