import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SURVEY_REASONS } from '../../../../functions/surveys/contracts/survey-answer.ts';
import { en } from '../../../../functions/surveys/messages/en.ts';
import { ja } from '../../../../functions/surveys/messages/ja.ts';
import { escapeHtml } from '../../../../functions/platform/pages/escape-html.ts';
import { PAGE_STYLE, PAGE_STYLE_SOURCE } from '../../../../functions/platform/pages/page-layout.ts';
import { renderMessagePage } from '../../../../functions/surveys/pages/render-message-page.ts';
import { renderSurveyPage } from '../../../../functions/surveys/pages/render-survey-page.ts';
import { renderUnsubscribePage } from '../../../../functions/surveys/pages/render-unsubscribe-page.ts';

const survey = (overrides: Partial<Parameters<typeof renderSurveyPage>[0]> = {}) =>
  renderSurveyPage({ locale: 'en', kind: 'post_resolution', reasons: DEFAULT_SURVEY_REASONS, formAction: './s.token', ...overrides });

const radioValues = (html: string, name: string) => [...html.matchAll(new RegExp(`name="${name}" value="(\\d+)"`, 'g'))].map((match) => Number(match[1]));

describe('escapeHtml', () => {
  it.each([
    ['markup', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['attribute quotes', `" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['an ampersand first', '&lt;', '&amp;lt;'],
    ['a right-to-left override', 'abc\u202Egnp.exe', 'abc<U+202E>gnp.exe'.replace('<', '&lt;').replace('>', '&gt;')],
    ['Japanese text unchanged', 'ありがとう', 'ありがとう'],
  ])('escapes %s', (_name, text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('the survey page', () => {
  it('asks CSAT 1 to 5 for a post-resolution survey and NPS 0 to 10 for a relationship survey', () => {
    expect(radioValues(survey(), 'score')).toEqual([1, 2, 3, 4, 5]);
    expect(radioValues(survey({ kind: 'relationship' }), 'score')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(survey({ kind: 'relationship' })).toContain(en.npsQuestion);
  });

  it('offers the optional effort score on the 7-point scale', () => {
    expect(radioValues(survey(), 'ces')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(survey()).not.toMatch(/name="ces" value="\d" required/);
  });

  it('groups each scale in a fieldset whose legend is the question, and labels every control', () => {
    const html = survey();
    expect(html).toContain(`<fieldset aria-describedby="score-ends"><legend>${escapeHtml(en.csatQuestion)}</legend>`);
    for (const id of [...html.matchAll(/<input type="(?:radio|checkbox)" id="([^"]+)"/g)].map((match) => match[1])) {
      expect(html).toContain(`<label for="${id}">`);
    }
    expect(html).toContain('<label for="comment">');
  });

  it('pre-selects a one-click score and asks to confirm it', () => {
    const html = survey({ values: { score: 2 }, notice: 'provisional' });
    expect(html).toContain('id="score-2" name="score" value="2" checked');
    expect(html.match(/checked/g)).toHaveLength(1);
    expect(html).toContain(en.page.provisionalNotice);
    expect(html).toContain(`<button type="submit">${en.confirmScore}</button>`);
  });

  it('keeps an earlier answer in the form and says it can be changed', () => {
    const html = survey({ values: { score: 5, ces: 3, reasons: ['speed'], comment: 'Quick' }, notice: 'answered' });
    expect(html).toContain('value="5" checked');
    expect(html).toContain('id="ces-3" name="ces" value="3" checked');
    expect(html).toContain('value="speed" checked');
    expect(html).toContain('>Quick</textarea>');
    expect(html).toContain(en.page.answeredNotice);
  });

  it('escapes the comment, reason codes and the form action, and neutralises bidi controls', () => {
    const html = survey({ values: { comment: '</textarea><script>x</script>\u202E' }, formAction: './"><script>', reasons: ['speed', 'custom_code'] });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;&lt;U+202E&gt;</textarea>');
    expect(html).toContain('action="./&quot;&gt;&lt;script&gt;"');
    // A policy reason without a translation shows its code.
    expect(html).toContain('value="custom_code"> custom_code</label>');
  });

  it('shows a configured reason code named like an Object property as the code itself', () => {
    const html = survey({ reasons: ['speed', 'constructor', 'to_string'] });
    expect(html).toContain('value="constructor"> constructor</label>');
  });

  it.each([
    ['en', en],
    ['ja', ja],
  ] as const)('is written in %s with its lang attribute', (locale, messages) => {
    const html = survey({ locale });
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(`<title>${escapeHtml(messages.pageTitle)}</title>`);
    expect(html).toContain(escapeHtml(messages.reasonLabels.courtesy));
  });

  it('shows the error as an alert when the score was missing', () => {
    expect(survey({ error: 'score_missing' })).toContain(`<p class="error" role="alert" id="form-error">${en.page.scoreMissing}</p>`);
    expect(survey({ locale: 'ja', error: 'answer_invalid' })).toContain(ja.page.answerInvalid);
  });

  it('carries no script and only the style its CSP hash allows', () => {
    const html = survey();
    expect(html).not.toMatch(/<script|\son\w+=/i);
    expect(html).toContain(`<style>${PAGE_STYLE}</style>`);
    expect(PAGE_STYLE_SOURCE).toBe(`'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`);
  });
});

describe('the message pages', () => {
  it.each([
    ['thank_you', en.thankYouTitle, ja.thankYouTitle],
    ['closed', en.closedTitle, ja.closedTitle],
    ['invalid_link', en.invalidLinkTitle, ja.invalidLinkTitle],
    ['unsubscribed', en.page.unsubscribedTitle, ja.page.unsubscribedTitle],
    ['error', en.page.errorTitle, ja.page.errorTitle],
  ] as const)('render the %s page in English and Japanese', (kind, english, japanese) => {
    expect(renderMessagePage('en', kind)).toContain(`<h1>${escapeHtml(english)}</h1>`);
    expect(renderMessagePage('ja', kind)).toContain(`<h1>${escapeHtml(japanese)}</h1>`);
    expect(renderMessagePage('ja', kind)).toContain('<html lang="ja">');
  });

  it('fall back to English for a language without a catalogue', () => {
    expect(renderMessagePage('fr', 'closed')).toContain(en.closedTitle);
  });
});

describe('the unsubscribe page', () => {
  it('has one button in a form that posts, and nothing that acts on opening', () => {
    const html = renderUnsubscribePage({ locale: 'ja', formAction: './u.token' });
    expect(html).toContain('<form method="post" action="./u.token">');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain(ja.unsubscribeConfirm);
    expect(html).not.toMatch(/<script|http-equiv="refresh"/i);
  });
});
