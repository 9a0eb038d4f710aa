import { describe, expect, it } from 'vitest';
import { renderNotificationEmail } from '../../../../functions/escalation/core/render-notification-email.ts';

const statusLink = 'https://support.example.com/complaints/status?token=abc.1.sig';
const promise = (guaranteed: boolean) => ({ guaranteed, acknowledgeWithinMinutes: 240, resolveWithinMinutes: 960 });

describe('renderNotificationEmail', () => {
  it.each([
    [
      'en',
      true,
      'We are reviewing your complaint CMP-7K3QX9AB',
      'we guarantee that a supervisor acknowledges it within 4 business hours and that it is resolved within 16 business hours',
    ],
    [
      'en-GB',
      false,
      'We are reviewing your complaint CMP-7K3QX9AB',
      'We aim to acknowledge it within 4 business hours and to resolve it within 16 business hours. This is our target, not a guaranteed response time.',
    ],
    ['ja-JP', true, 'お問い合わせ CMP-7K3QX9AB を確認しています', '4営業時間以内の受領確認と16営業時間以内の解決をお約束します'],
    ['ja', false, 'お問い合わせ CMP-7K3QX9AB を確認しています', 'これは目標であり、対応時間を保証するものではありません'],
    ['fr', false, 'We are reviewing your complaint CMP-7K3QX9AB', 'This is our target'],
    [undefined, true, 'We are reviewing your complaint CMP-7K3QX9AB', 'we guarantee'],
  ])('acknowledges in %s (guaranteed %s) with the reference, status link and the promise that applies', (locale, guaranteed, subject, promised) => {
    const email = renderNotificationEmail({ kind: 'complaint_acknowledged', locale, reference: 'CMP-7K3QX9AB', statusLink, promise: promise(guaranteed) });
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(promised);
    expect(email.text).toContain('CMP-7K3QX9AB');
    expect(email.text).toContain(statusLink);
    expect(email.html).toContain(`href="${statusLink}"`);
  });

  it('never promises a guarantee to a standard customer', () => {
    for (const locale of ['en', 'ja']) {
      const { text } = renderNotificationEmail({ kind: 'complaint_acknowledged', locale, reference: 'CMP-7K3QX9AB', statusLink, promise: promise(false) });
      expect(text).not.toMatch(/we guarantee|お約束します/);
    }
  });

  it('escapes the resolution text in the HTML part and keeps its line breaks', () => {
    const email = renderNotificationEmail({
      kind: 'complaint_resolved',
      locale: 'en',
      reference: 'CMP-7K3QX9AB',
      statusLink: `${statusLink}&x="><script>`,
      resolution: 'Refunded <b>twice</b> & "sorry"\nCall us any time.',
    });
    expect(email.subject).toBe('Your complaint CMP-7K3QX9AB is resolved');
    expect(email.html).toContain('Refunded &lt;b&gt;twice&lt;/b&gt; &amp; &quot;sorry&quot;<br>Call us any time.');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('Refunded <b>twice</b> & "sorry"\nCall us any time.');
  });

  it.each([
    ['assigned', 'assigned to you'],
    ['escalated', 'reached level 2'],
    // 05:00 UTC is 14:00 in Tokyo: the time as the region's team reads it, with its offset and zone.
    ['ack_warning', 'acknowledge before Tue, 3 Mar 2026, 14:00 GMT+9 (Asia/Tokyo)'],
  ] as const)('tells a supervisor about %s with a link to the escalation in the console', (kind, subject) => {
    const consoleLink = 'https://support.example.com/console#escalation=e-1';
    const email = renderNotificationEmail({
      kind,
      escalation: { reference: 'CMP-7K3QX9AB', severity: 'high', team: 'japan-support', level: 2, ackDueAt: '2026-03-03T05:00:00.000Z', guaranteed: true },
      consoleLink,
      timeZone: 'Asia/Tokyo',
    });
    expect(email.subject).toContain(subject);
    expect(email.text).toContain('Acknowledge by Tue, 3 Mar 2026, 14:00 GMT+9 (Asia/Tokyo)');
    expect(`${email.subject}${email.text}${email.html}`).not.toContain('2026-03-03T05:00');
    expect(email.subject).toContain('CMP-7K3QX9AB');
    expect(email.html).toContain(`href="${consoleLink}"`);
    expect(email.text).toContain(consoleLink);
  });

  it.each([
    [
      'a supervisor',
      {
        kind: 'assigned',
        escalation: { reference: 'CMP-7K3QX9AB', severity: 'high', team: 't', level: 1, ackDueAt: '2026-03-03T05:00:00.000Z', guaranteed: false },
        consoleLink: 'https://x.example/console',
        timeZone: 'UTC',
      },
    ],
    ['a Japanese complainant', { kind: 'complaint_resolved', locale: 'ja', reference: 'CMP-7K3QX9AB', statusLink, resolution: '返金しました (Refund)' }],
  ] as const)('sets a font stack with Latin and Japanese faces before the generic one for %s', (_name, input) => {
    const { html } = renderNotificationEmail(input);
    const stack = /font-family:([^;"]+)/.exec(html)?.[1] ?? '';
    expect(stack).toMatch(/Arial/);
    expect(stack).toMatch(/Hiragino Sans/);
    expect(stack.trim().endsWith('sans-serif')).toBe(true);
    expect(stack).not.toMatch(/^\s*sans-serif/);
  });
});
