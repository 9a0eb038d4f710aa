import { describe, expect, it } from 'vitest';
import { consoleMessages } from '../../../web/console/view/console-messages.ts';
import { axisText, bucketLabel, npsText, shareText } from '../../../web/console/view/report-text.ts';

const share = { count: 45, of: 50, value: 0.9, low: 0.786, high: 0.956, tooFew: false };
const tooFew = { count: 3, of: 4, value: null, low: null, high: null, tooFew: true };

describe('shareText and npsText', () => {
  it.each([
    ['en', share, '90% (95% interval 79%–96%; 45 of 50)'],
    ['en', tooFew, 'Too few answers for a share (3 of 4)'],
    ['ja', share, '90%（95% 信頼区間 79%〜96%、50 件中 45 件）'],
    ['ja', tooFew, '回答が少ないため割合は表示しません（4 件中 3 件）'],
  ] as const)('in %s read %j as %j', (locale, figure, text) => {
    expect(shareText(figure, locale, consoleMessages[locale])).toBe(text);
  });

  it('give an NPS its sign and interval, or say there were too few answers', () => {
    expect(npsText({ answers: 40, score: 25, low: 5.2, high: 44.8, tooFew: false }, 'en', consoleMessages.en)).toBe('+25 (95% interval +5 to +45; 40 answers)');
    expect(npsText({ answers: 40, score: -10, low: -30, high: 0, tooFew: false }, 'en', consoleMessages.en)).toBe('-10 (95% interval -30 to 0; 40 answers)');
    expect(npsText({ answers: 7, score: null, low: null, high: null, tooFew: true }, 'ja', consoleMessages.ja)).toBe(
      '回答が少ないためスコアは表示しません（7 件）',
    );
  });
});

describe('bucketLabel and axisText', () => {
  it.each([
    ['2026-11-02', 'week', 'en-GB', '2 Nov'],
    ['2026-11-02', 'day', 'en-US', 'Nov 2'],
    ['2026-11-01', 'month', 'en-GB', 'Nov 2026'],
    ['2026-11-02', 'week', 'ja', '11月2日'],
    ['2026-11-01', 'month', 'ja', '2026年11月'],
  ] as const)('label %s by %s in %s as %j (a UTC day, whatever the zone)', (day, interval, locale, label) => {
    expect(bucketLabel(day, interval, locale)).toBe(label);
  });

  it('writes shares as percentages, NPS with its sign, counts grouped', () => {
    expect([axisText(0.25, 'share', 'en'), axisText(50, 'nps', 'en'), axisText(0, 'nps', 'en'), axisText(2000, 'count', 'en')]).toEqual([
      '25%',
      '+50',
      '0',
      '2,000',
    ]);
  });
});
