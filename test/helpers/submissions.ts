/** A complaint body that passes validation; override fields per test. */
export const validComplaint = (overrides: Record<string, unknown> = {}) => ({
  email: 'customer@example.com',
  category: 'slow-response',
  description: 'I waited three days for a first answer.',
  ...overrides,
});

/** Feedback on a help article that passes validation. */
export const validArticleFeedback = (overrides: Record<string, unknown> = {}) => ({
  kind: 'article',
  articleId: 'kb-1042',
  helpful: false,
  rating: 2,
  comment: 'The screenshots are out of date.',
  ...overrides,
});
