/**
 * A confirmed survey response as the feedback table stores it (and its stream delivers it): a CSAT
 * of 2 with a comment, for the Japan team's agent `a-7`, answered on 2026-12-06.
 */
export const surveyResponseItem = (overrides: Record<string, unknown> = {}) => ({
  pk: 'INVITATION#i-1',
  sk: 'RESPONSE',
  responseId: 'r-1',
  invitationId: 'i-1',
  status: 'confirmed',
  source: 'page',
  answer: { csat: 2, comment: 'slow' },
  firstAnsweredAt: '2026-12-06T09:00:00.000Z',
  updatedAt: '2026-12-06T09:00:00.000Z',
  confirmedAt: '2026-12-06T09:00:00.000Z',
  surveyKind: 'post_resolution',
  reportedAs: { team: 'japan-support', agent: 'a-7', language: 'ja', tier: 'premium' },
  ...overrides,
});
