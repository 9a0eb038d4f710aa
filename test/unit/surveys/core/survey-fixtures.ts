import type { CaseResolved } from '../../../../functions/surveys/contracts/case-resolved.ts';
import { type SurveyPolicySettingsInput, surveyPolicySettingsSchema } from '../../../../functions/surveys/contracts/survey-policy-settings.ts';
import type { CustomerSurveyHistory, SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';

/** "Now" in every survey test: a fixed instant, never the clock. */
export const now = new Date('2026-11-25T12:00:00.000Z');

/** `days` days before or after `now`, as ISO 8601. */
export const daysFromNow = (days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();

/** The policy with its defaults, overridden per test. */
export const policy = (overrides: SurveyPolicySettingsInput = {}) => surveyPolicySettingsSchema.parse(overrides);

/** A case resolved two hours ago for customer cust-17. */
export const caseResolved = (overrides: Partial<CaseResolved> = {}): CaseResolved => ({
  caseId: 'CASE-42',
  resolvedAt: '2026-11-25T10:00:00.000Z',
  customer: { id: 'cust-17', email: 'ada@example.com', tier: 'standard' },
  ...overrides,
});

/** A post-resolution invitation of cust-17, sent a day ago, valid for 13 more days. */
export const invitation = (overrides: Partial<SurveyInvitation> = {}): SurveyInvitation => ({
  invitationId: '6b7e0a8c-4f2d-8a1b-9c3d-5e6f7a8b9c0d',
  kind: 'post_resolution',
  customerId: 'cust-17',
  caseId: 'CASE-7',
  state: 'sent',
  scheduledFor: daysFromNow(-1),
  sentAt: daysFromNow(-1),
  expiresAt: daysFromNow(13),
  ...overrides,
});

/** The history of a customer, never surveyed unless overridden. */
export const history = (overrides: Partial<CustomerSurveyHistory> = {}): CustomerSurveyHistory => ({
  optedOut: false,
  invitationsByCaseId: {},
  ...overrides,
});
