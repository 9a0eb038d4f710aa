import { describe, expect, it } from 'vitest';
import type { ComplaintProgress } from '../../../../functions/intake/core/read-complaint-status.ts';
import { renderInvalidStatusLinkPage, renderStatusPage } from '../../../../functions/intake/pages/render-status-page.ts';
import { statusPageMessages } from '../../../../functions/intake/pages/status-page-messages.ts';

const progress = (overrides: Partial<ComplaintProgress> = {}): ComplaintProgress => ({
  view: { reference: 'CMP-ABCDEFGH', status: 'under_review' },
  steps: [
    { status: 'received', at: '2026-11-26T01:00:00.000Z' },
    { status: 'under_review', at: '2026-11-26T01:05:00.000Z' },
  ],
  promise: { guaranteed: true, respondBy: '2026-11-26T05:00:00.000Z' },
  ...overrides,
});

describe('the complaint status page', () => {
  it('shows the reference, the status, the steps and a premium guarantee, in Japanese with Tokyo times', () => {
    const html = renderStatusPage('ja', progress());
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<dd id="status">スーパーバイザーが確認中</dd>');
    expect(html).toContain('2026年11月26日 14:00までにご回答することをお約束します');
    expect(html).toContain('<time datetime="2026-11-26T01:05:00.000Z">');
  });

  it('tells a standard customer the time is a target, not a guarantee', () => {
    const html = renderStatusPage('en', progress({ promise: { guaranteed: false, respondBy: '2026-11-26T05:00:00.000Z' } }));
    expect(html).toContain('This is a target, not a guaranteed response time.');
    expect(html).not.toContain(statusPageMessages.en.promiseGuaranteed.slice(0, 20));
  });

  it('shows the resolution text escaped, with bidirectional controls made visible, and no promise once resolved', () => {
    const html = renderStatusPage(
      'en',
      progress({ view: { reference: 'CMP-ABCDEFGH', status: 'resolved' }, resolution: '<img src=x onerror=alert(1)>\u202Edone' }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;U+202E&gt;done');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('id="promise"');
  });

  it('renders a queued complaint without steps', () => {
    const html = renderStatusPage('en', { view: { reference: 'CMP-ABCDEFGH', status: 'queued' }, steps: [] });
    expect(html).toContain('Received, being registered');
    expect(html).not.toContain('<ol');
  });

  it('explains an unusable link in the reader’s language', () => {
    expect(renderInvalidStatusLinkPage('ja')).toContain('このリンクはご利用いただけません');
  });
});
