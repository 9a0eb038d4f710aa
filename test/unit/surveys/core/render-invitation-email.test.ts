import { describe, expect, it } from 'vitest';
import { renderInvitationEmail } from '../../../../functions/surveys/core/render-invitation-email.ts';
import { verifySurveyToken } from '../../../../functions/surveys/core/survey-token.ts';
import { verifyUnsubscribeToken } from '../../../../functions/surveys/core/unsubscribe-token.ts';
import { ringKeys } from '../../../helpers/key-rings.ts';
import { daysFromNow, invitation, now } from './survey-fixtures.ts';

const baseUrl = new URL('https://support.example.com/feedback');
const scheduled = invitation({ state: 'scheduled', sentAt: undefined, scheduledFor: now.toISOString(), expiresAt: daysFromNow(14) });
const render = (overrides: Partial<Parameters<typeof renderInvitationEmail>[0]> = {}) =>
  renderInvitationEmail({
    invitation: scheduled,
    recipient: { name: 'Ada', locale: 'en' },
    reminder: false,
    baseUrl,
    signingKey: ringKeys.current,
    ...overrides,
  });

const linksOf = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map(([, href]) => href!.replaceAll('&amp;', '&'));
const tokenOf = (link: string) => decodeURIComponent(new URL(link).pathname.split('/').at(-1)!);

describe('renderInvitationEmail', () => {
  it('writes an English invitation with a greeting, both parts and the English subject', () => {
    const email = render();
    expect(email.locale).toBe('en');
    expect(email.subject).toBe('How did we do?');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('Dear Ada,');
    expect(email.text).toContain('Dear Ada,');
    expect(email.text).toContain('How satisfied are you with the support you received?');
  });

  it('writes Japanese for a Japanese contact, the name before its honorific', () => {
    const email = render({ recipient: { name: '山田', locale: 'ja-JP' } });
    expect(email.locale).toBe('ja');
    expect(email.subject).toBe('サポートはいかがでしたか？');
    expect(email.html).toContain('<html lang="ja">');
    expect(email.text.startsWith('山田 様')).toBe(true);
    expect(email.text).toContain('アンケートを開く: https://support.example.com/feedback/s/');
  });

  it('falls back to English for a language without a catalogue, and greets without a name', () => {
    const email = render({ recipient: { locale: 'fr' } });
    expect(email.locale).toBe('en');
    expect(email.text.startsWith('Hello,')).toBe(true);
  });

  it('offers one-click CSAT ratings 1 to 5 after a case, in both parts, each a verifying survey link', () => {
    const email = render();
    const ratingLinks = linksOf(email.html).filter((link) => link.includes('score='));
    expect(ratingLinks.map((link) => new URL(link).searchParams.get('score'))).toEqual(['1', '2', '3', '4', '5']);
    for (const link of ratingLinks) {
      expect(link.startsWith('https://support.example.com/feedback/s/s.')).toBe(true);
      expect(verifySurveyToken(tokenOf(link), [ringKeys.current], now)).toBe(scheduled.invitationId);
      expect(email.text).toContain(link);
    }
    expect(email.text).toContain('  1 (Very dissatisfied): ');
    expect(email.text).toContain('  5 (Very satisfied): ');
  });

  it('offers NPS 0 to 10 in a relationship survey', () => {
    const email = render({ invitation: { ...scheduled, kind: 'relationship', caseId: undefined } });
    const scores = linksOf(email.html).flatMap((link) => new URL(link).searchParams.get('score') ?? []);
    expect(scores).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(email.text).toContain('How likely are you to recommend us');
  });

  it('links the full survey page and an unsubscribe page whose token names the invitation', () => {
    const email = render();
    const links = linksOf(email.html);
    expect(links.filter((link) => link.includes('/s/') && !link.includes('score='))).toHaveLength(1);
    const unsubscribe = links.find((link) => link.includes('/u/'))!;
    expect(verifyUnsubscribeToken(tokenOf(unsubscribe), [ringKeys.current], now)).toBe(scheduled.invitationId);
    expect(email.text).toContain(`Unsubscribe from surveys: ${unsubscribe}`);
  });

  it('sets the RFC 8058 one-click unsubscribe headers naming the same unsubscribe link', () => {
    const email = render();
    const unsubscribe = linksOf(email.html).find((link) => link.includes('/u/'))!;
    expect(email.headers).toEqual([
      { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
  });

  it('says it is a reminder in the subject and introduction', () => {
    const email = render({ reminder: true });
    expect(email.subject).toBe('A reminder: how did we do?');
    expect(email.text).toContain('A few days ago we asked');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["O'Brien & Sons", 'O&#39;Brien &amp; Sons'],
  ])('escapes the name %j in the HTML part', (name, escaped) => {
    const email = render({ recipient: { name } });
    expect(email.html).toContain(`Dear ${escaped},`);
    expect(email.html).not.toContain(name);
  });

  it('keeps a name with line breaks on one line of the text part', () => {
    expect(render({ recipient: { name: 'Ada\r\nBcc: x@example.com' } }).text.split('\n')[0]).toBe('Dear Ada Bcc: x@example.com,');
  });

  it('contains no script and no remote image', () => {
    const { html } = render();
    expect(html).not.toMatch(/<script|<img/i);
  });
});
