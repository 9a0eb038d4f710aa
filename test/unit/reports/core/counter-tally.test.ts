import { describe, expect, it } from 'vitest';
import { changeOf, type Tally, tallyOf } from '../../../../functions/reports/core/counter-tally.ts';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createEscalationItems } from '../../../../functions/escalation/adapters/escalation-items.ts';
import { openedEscalation } from '../../escalation/core/escalation-fixtures.ts';
import { surveyResponseItem } from '../report-items.ts';

const response = surveyResponseItem;

const invitation = (overrides: Record<string, unknown> = {}) => ({
  pk: 'INVITATION#i-1',
  sk: 'INVITATION',
  invitationId: 'i-1',
  kind: 'post_resolution',
  customerId: 'c-1',
  caseId: 'CASE-1',
  state: 'sent',
  scheduledFor: '2026-12-05T10:00:00.000Z',
  linkExpiresAt: '2026-12-19T10:00:00.000Z',
  sentAt: '2026-12-05T10:00:00.000Z',
  reportedAs: { team: 'constructor', tier: 'standard' },
  ...overrides,
});

// The tally as plain data: one line per counter, `period [team] dimension=value field:amount …` (fields sorted).
const lines = (tally: Tally) =>
  [...tally.values()]
    .map(
      ({ cell, fields }) =>
        `${cell.period.key} ${cell.team === undefined ? '' : `[${cell.team}] `}${cell.dimension}=${cell.value} ${[...fields]
          .map(([field, amount]) => `${field}:${amount}`)
          .sort()
          .join(' ')}`,
    )
    .sort();

describe('what an item counts', () => {
  it('counts a confirmed answer overall and in its team by day, week and month, and broken down within its team by day and month', () => {
    const tally = lines(tallyOf(response()));
    // 3 periods × (all, its team) and 2 periods × (kind, agent, language, tier) within the team
    expect(tally).toHaveLength(14);
    expect(tally).toContain('2026-12-06 all=all csat_2:1 responses:1');
    expect(tally).toContain('2026-W49 team=japan-support csat_2:1 responses:1');
    expect(tally).toContain('2026-12 team=japan-support csat_2:1 responses:1');
    expect(tally).toContain('2026-12 [japan-support] agent=a-7 csat_2:1 responses:1');
    expect(tally).toContain('2026-12-06 [japan-support] surveyKind=post_resolution csat_2:1 responses:1');
    // Breakdowns are not kept by week, nor across teams (an admin's sums the teams').
    expect(tally.filter((line) => line.startsWith('2026-W49 '))).toEqual([
      '2026-W49 all=all csat_2:1 responses:1',
      '2026-W49 team=japan-support csat_2:1 responses:1',
    ]);
    expect(tally.filter((line) => /^\S+ agent=/.test(line))).toEqual([]);
  });

  it('breaks down an answer without a team (a relationship survey) among the items without one', () => {
    const tally = tallyOf(response({ surveyKind: 'relationship', reportedAs: undefined }));
    expect(lines(tally)).toContain('2026-12 surveyKind=relationship csat_2:1 responses:1');
    expect([...tally.values()].filter(({ cell }) => cell.dimension === 'surveyKind').map(({ cell }) => cell.team)).toEqual([undefined, undefined]);
  });

  it('keeps an unconfirmed one-click score apart, and an NPS in its own histogram', () => {
    expect(lines(tallyOf(response({ status: 'provisional', source: 'one_click', answer: { csat: 5 } })))).toContain(
      '2026-12-06 all=all unconfirmed_csat_5:1 unconfirmed_responses:1',
    );
    expect(lines(tallyOf(response({ answer: { nps: 0 } })))).toContain('2026-12-06 all=all nps_0:1 responses:1');
  });

  it('leaves a response about the product, not the agent, out of the agent’s counters only', () => {
    const tally = lines(tallyOf(response({ aboutProductNotAgent: true })));
    expect(tally.filter((line) => line.includes('agent='))).toEqual([]);
    expect(tally).toContain('2026-12-06 team=japan-support csat_2:1 responses:1');
  });

  it('counts a sent invitation in the period it was sent, with its reminder, bounce and answer', () => {
    expect(lines(tallyOf(invitation()))).toContain('2026-12-05 all=all sent:1');
    expect(lines(tallyOf(invitation({ state: 'answered', remindedAt: '2026-12-08T10:00:00.000Z', bouncedAt: '2026-12-05T10:01:00.000Z' })))).toContain(
      '2026-12-05 team=constructor answered:1 bounced:1 reminded:1 sent:1',
    );
    // Not sent yet: nothing to count.
    expect(tallyOf(invitation({ state: 'scheduled', sentAt: undefined })).size).toBe(0);
  });

  it('counts nothing for any other item, one that does not parse, or none', () => {
    expect(tallyOf({ pk: 'COMPLAINT#c-1', sk: 'COMPLAINT' }).size).toBe(0);
    expect(tallyOf({ pk: 'INVITATION#i-1', sk: 'RESPONSE', status: 'maybe' }).size).toBe(0);
    expect(tallyOf(undefined).size).toBe(0);
    // An empty dimension value is left out (it could not be a key), and an empty team scopes nothing.
    expect(lines(tallyOf(response({ reportedAs: { team: '' } }))).filter((line) => line.includes('team=') || line.includes('['))).toEqual([]);
  });
});

describe('how a change moves the counters', () => {
  it('moves an updated answer from its old score to its new one, adding no response', () => {
    const moved = lines(changeOf(response(), response({ answer: { csat: 5 }, updatedAt: '2026-12-06T10:00:00.000Z' })));
    expect(moved).toContain('2026-12-06 all=all csat_2:-1 csat_5:1');
    expect(moved.some((line) => line.includes('responses'))).toBe(false);
  });

  it('moves a one-click score from unconfirmed to confirmed when it is confirmed', () => {
    const provisional = response({ status: 'provisional', source: 'one_click', answer: { csat: 4 }, confirmedAt: undefined });
    expect(lines(changeOf(provisional, response({ answer: { csat: 4 } })))).toContain(
      '2026-12-06 all=all csat_4:1 responses:1 unconfirmed_csat_4:-1 unconfirmed_responses:-1',
    );
  });

  it('moves nothing when what changed is not counted (an erased comment) and counts a new item in', () => {
    expect(changeOf(response(), response({ answer: { csat: 2 } })).size).toBe(0);
    expect(lines(changeOf(undefined, response()))).toContain('2026-12-06 all=all csat_2:1 responses:1');
    // Marked about the product: out of the agent's counters, nowhere else.
    expect(lines(changeOf(response(), response({ aboutProductNotAgent: true })))).toEqual([
      '2026-12 [japan-support] agent=a-7 csat_2:-1 responses:-1',
      '2026-12-06 [japan-support] agent=a-7 csat_2:-1 responses:-1',
    ]);
  });
});

describe('what complaints, escalations and help-site feedback count', () => {
  // The item the escalation store writes for an escalation opened at 01:00 on 2026-12-07, due
  // acknowledged within the hour.
  const escalation = (overrides: Parameters<typeof openedEscalation>[0] = {}) =>
    unmarshall(
      createEscalationItems(
        'feedback',
        openedEscalation({
          createdAt: '2026-12-07T01:00:00.000Z',
          ackDueAt: '2026-12-07T02:00:00.000Z',
          warnAt: '2026-12-07T01:45:00.000Z',
          resolveDueAt: '2026-12-08T01:00:00.000Z',
          ...overrides,
        }),
        'CMP-0000000A',
      )[0]!.Put!.Item!,
    );

  it('counts a complaint by category and moves it between statuses', () => {
    const complaint = {
      pk: 'COMPLAINT#c-1',
      sk: 'COMPLAINT',
      reference: 'CMP-0000000A',
      status: 'received',
      category: 'billing',
      acceptedAt: '2026-12-07T01:00:00.000Z',
      receivedAt: '2026-12-07T01:00:01.000Z',
    };
    expect(lines(tallyOf(complaint))).toContain('2026-12-07 category=billing complaints:1 complaints_received:1');
    expect(lines(changeOf(complaint, { ...complaint, status: 'under_review' }))).toContain(
      '2026-12-07 all=all complaints_received:-1 complaints_under_review:1',
    );
  });

  it('counts an escalation by team, severity and tier (and within its team), its level, times and premium obligation', () => {
    const opened = escalation();
    expect(lines(tallyOf(opened))).toContain('2026-12-07 [japan-support] severity=high escalations:1 escalations_level_1:1 escalations_open:1');
    // Acknowledged 40 minutes in, within the hour it was due: the obligation met.
    const acknowledged = escalation({ status: 'acknowledged', acknowledgedAt: '2026-12-07T01:40:00.000Z' });
    expect(lines(changeOf(opened, acknowledged))).toContain(
      '2026-12-07 team=japan-support ack_within_60:1 escalations_acknowledged:1 escalations_open:-1 sla_met:1',
    );
    // Moved up a level, breached, acknowledged a day later: the highest level, a miss, a day's bucket.
    const late = escalation({
      level: 2,
      breached: true,
      status: 'resolved',
      acknowledgedAt: '2026-12-08T00:30:00.000Z',
      resolvedAt: '2026-12-09T00:00:00.000Z',
    });
    expect(lines(tallyOf(late))).toContain(
      '2026-12-07 all=all ack_within_1440:1 breached:1 escalations:1 escalations_level_2:1 escalations_resolved:1 resolve_within_2880:1 sla_missed:1',
    );
    // A standard customer's escalation has no obligation to meet or miss.
    expect(lines(tallyOf(escalation({ guaranteed: false, breached: true }))).some((line) => line.includes('sla_'))).toBe(false);
  });

  it('counts help-site feedback by kind, article and page (host and path only, no query)', () => {
    const feedback = {
      pk: 'FEEDBACK#f-1',
      sk: 'FEEDBACK',
      kind: 'article',
      articleId: 'kb-42',
      pageUrl: 'https://help.example.com/kb/42?utm_source=mail#top',
      helpful: false,
      rating: 2,
      comment: 'Out of date.',
      acceptedAt: '2026-12-07T01:00:00.000Z',
    };
    const tally = lines(tallyOf(feedback));
    expect(tally).toContain('2026-12-07 article=kb-42 comments:1 feedback:1 helpful_no:1 rating_2:1');
    expect(tally).toContain('2026-12-07 page=help.example.com/kb/42 comments:1 feedback:1 helpful_no:1 rating_2:1');
    expect(tally).toContain('2026-12-07 feedbackKind=article comments:1 feedback:1 helpful_no:1 rating_2:1');
    // A page URL that does not parse counts under no page.
    expect(lines(tallyOf({ ...feedback, pageUrl: 'not a url' })).some((line) => line.includes('page='))).toBe(false);
  });
});
