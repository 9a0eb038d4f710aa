import { describe, expect, it } from 'vitest';
import { feedbackSubmissionSchema } from '../../../../functions/intake/contracts/feedback-submission.ts';
import { validArticleFeedback } from '../../../helpers/submissions.ts';

describe('feedback submission schema', () => {
  it.each([
    ['article feedback with every field', validArticleFeedback({ pageUrl: 'https://help.example.com/kb/1042', locale: 'ja' })],
    ['a bare "was this helpful"', { kind: 'article', articleId: 'kb-1', helpful: true }],
    ['anonymous site feedback with only a comment', { kind: 'site', comment: '検索が使いにくい' }],
    ['site feedback with only a rating', { kind: 'site', rating: 5 }],
  ])('accepts %s', (_name, body) => {
    expect(feedbackSubmissionSchema.parse(body)).toEqual(body);
  });

  it.each([
    ['an unknown kind', { kind: 'product', rating: 3 }],
    ['article feedback without an articleId', { kind: 'article', helpful: true }],
    ['feedback that says nothing', { kind: 'site' }],
    ['a rating of 0', { kind: 'site', rating: 0 }],
    ['a rating of 6', { kind: 'site', rating: 6 }],
    ['a fractional rating', { kind: 'site', rating: 4.5 }],
    ['a rating as a string', { kind: 'site', rating: '4' }],
    ['helpful as a string', { kind: 'site', helpful: 'yes' }],
    ['a javascript: URL', { kind: 'site', rating: 3, pageUrl: 'javascript:alert(1)' }],
    ['an unknown field', { kind: 'site', rating: 3, email: 'a@example.com' }],
    ['a control character in the comment', { kind: 'site', comment: 'a\u0000' }],
    ['U+FFFF in the page URL', { kind: 'site', rating: 3, pageUrl: 'https://help.example.com/\uffff' }],
  ])('rejects %s', (_name, body) => {
    expect(feedbackSubmissionSchema.safeParse(body).success).toBe(false);
  });
});
