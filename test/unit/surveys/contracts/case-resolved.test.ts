import { describe, expect, it } from 'vitest';
import { caseResolvedSchema } from '../../../../functions/surveys/contracts/case-resolved.ts';

const validCaseResolved = (overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) => ({
  caseId: 'CASE-2026-0042',
  resolvedAt: '2026-11-25T10:30:00Z',
  customer: { id: 'cust-17', email: 'ada@example.com', tier: 'standard', ...customer },
  ...overrides,
});

const pathsOf = (input: unknown) => {
  const result = caseResolvedSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.'));
};

describe('case resolved schema (POST /cases/resolved)', () => {
  it('accepts the smallest body: case, time and customer with id, email and tier', () => {
    expect(caseResolvedSchema.parse(validCaseResolved())).toEqual(validCaseResolved());
  });

  it('accepts every optional field, Japanese text kept exactly', () => {
    const full = validCaseResolved(
      { product: 'Router X', team: 'network-tier2', agentId: 'agent-9', channel: 'email' },
      { name: '山田 太郎', locale: 'ja-JP', tier: 'premium', region: 'apac' },
    );
    expect(caseResolvedSchema.parse(full)).toEqual(full);
  });

  it('accepts a resolution time with an offset, as support systems send local time', () => {
    expect(caseResolvedSchema.safeParse(validCaseResolved({ resolvedAt: '2026-11-25T19:30:00+09:00' })).success).toBe(true);
  });

  it.each([
    ['an unknown field', validCaseResolved({ chanel: 'email' }), 'chanel'],
    ['an unknown customer field', validCaseResolved({}, { vip: true }), 'customer.vip'],
    ['a missing case id', { ...validCaseResolved(), caseId: undefined }, 'caseId'],
    ['a blank case id', validCaseResolved({ caseId: ' \u200b' }), 'caseId'],
    ['a line break in a case id', validCaseResolved({ caseId: 'CASE\n42' }), 'caseId'],
    ['a too long case id', validCaseResolved({ caseId: 'C'.repeat(65) }), 'caseId'],
    ['a date without a time', validCaseResolved({ resolvedAt: '2026-11-25' }), 'resolvedAt'],
    ['a time that is not a date', validCaseResolved({ resolvedAt: 'yesterday' }), 'resolvedAt'],
    ['a malformed email', validCaseResolved({}, { email: 'ada' }), 'customer.email'],
    ['an unknown tier', validCaseResolved({}, { tier: 'gold' }), 'customer.tier'],
    ['a missing tier', validCaseResolved({}, { tier: undefined }), 'customer.tier'],
    ['a malformed locale', validCaseResolved({}, { locale: 'japanese please' }), 'customer.locale'],
    ['a bidi override in a product', validCaseResolved({ product: 'Router\u202eX' }), 'product'],
    ['a null optional field', validCaseResolved({ channel: null }), 'channel'],
    ['a number for the agent', validCaseResolved({ agentId: 42 }), 'agentId'],
  ])('refuses %s', (_name, body, path) => {
    expect(pathsOf(body)).toContain(path);
  });

  it('refuses a body without a customer', () => {
    const { customer: _omitted, ...withoutCustomer } = validCaseResolved();
    expect(pathsOf(withoutCustomer)).toContain('customer');
  });
});
