import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES, complaintSubmissionSchema } from '../../../../functions/intake/contracts/complaint-submission.ts';
import { validComplaint } from '../../../helpers/submissions.ts';

const schema = complaintSubmissionSchema(DEFAULT_COMPLAINT_CATEGORIES);

describe('complaint submission schema', () => {
  it('accepts every default category', () => {
    for (const category of DEFAULT_COMPLAINT_CATEGORIES) {
      expect(schema.safeParse(validComplaint({ category })).success).toBe(true);
    }
  });

  it('keeps Japanese text and HTML exactly as sent', () => {
    const description = '<b>対応</b>が遅い &amp; 返事がない\n二行目\t';
    const parsed = schema.parse(validComplaint({ description, name: '山田 太郎', locale: 'ja-JP' }));
    expect(parsed.description).toBe(description);
    expect(parsed.name).toBe('山田 太郎');
  });

  it('accepts every optional field', () => {
    const full = validComplaint({ caseId: 'CASE-2026-0042', name: 'Ada', locale: 'en', product: 'Router X' });
    expect(schema.parse(full)).toEqual(full);
  });

  it.each([
    ['an unknown field', { extra: 1 }, 'extra'],
    ['an unknown category', { category: 'rudeness' }, 'category'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a blank description', { description: '  \n ' }, 'description'],
    ['a too long description', { description: 'x'.repeat(5001) }, 'description'],
    ['a control character', { description: 'bell\u0007' }, 'description'],
    ['a line break in a name', { name: 'a\nb' }, 'name'],
    ['a lone surrogate', { description: 'broken \ud800' }, 'description'],
    ['a number for text', { description: 42 }, 'description'],
    ['a null optional field', { caseId: null }, 'caseId'],
    ['a malformed locale', { locale: 'english please' }, 'locale'],
  ])('rejects %s', (_name, override, path) => {
    const result = schema.safeParse(validComplaint(override));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.'));
    expect(paths).toContain(path);
  });

  it('rejects a missing required field', () => {
    const { email: _omitted, ...withoutEmail } = validComplaint();
    expect(schema.safeParse(withoutEmail).success).toBe(false);
  });

  it.each([
    ['no categories', []],
    ['a category with spaces and capitals', ['billing', 'Billing Issues']],
    ['a category with an underscore', ['wrong_advice']],
  ])('refuses a configuration with %s, which the consumer could never store', (_name, categories) => {
    expect(() => complaintSubmissionSchema(categories)).toThrow(/kebab-case/);
  });

  it('offers only the configured categories', () => {
    const narrow = complaintSubmissionSchema(['billing']);
    expect(narrow.safeParse(validComplaint({ category: 'billing' })).success).toBe(true);
    expect(narrow.safeParse(validComplaint({ category: 'attitude' })).success).toBe(false);
  });
});
