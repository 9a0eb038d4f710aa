import type { Severity } from '../contracts/escalation-severity.ts';
import { EMAIL_LINK_TARGET } from '../../platform/email/email-link-target.ts';
import { escapeEmailHtml } from '../../platform/email/escape-email-html.ts';
import { pickLocale } from '../../surveys/core/pick-locale.ts';
import { complainantMessages } from './notification-messages.ts';

/** An email ready for SES: subject, HTML and text parts. */
export type RenderedEmail = { readonly subject: string; readonly html: string; readonly text: string };

/** The escalation as a supervisor's email shows it. */
type EscalationForEmail = {
  /** What raised it; absent: a complaint. */
  readonly source?: 'complaint' | 'survey' | undefined;
  readonly reference: string;
  readonly severity: Severity;
  readonly team: string;
  readonly level: number;
  readonly ackDueAt: string;
  readonly guaranteed: boolean;
};

/** What a supervisor's email needs besides the escalation: the time zone its times are shown in (the region's). */
type SupervisorEmailContext = { readonly escalation: EscalationForEmail; readonly consoleLink: string; readonly timeZone: string };

export type NotificationEmailInput =
  | ({ readonly kind: 'assigned' | 'escalated' | 'ack_warning' } & SupervisorEmailContext)
  | {
      readonly kind: 'complaint_acknowledged';
      readonly locale: string | undefined;
      readonly reference: string;
      readonly statusLink: string;
      /** The rules' SLA for the customer's tier and the escalation's severity. */
      readonly promise: { readonly guaranteed: boolean; readonly acknowledgeWithinMinutes: number; readonly resolveWithinMinutes: number };
    }
  | {
      readonly kind: 'complaint_resolved';
      readonly locale: string | undefined;
      readonly reference: string;
      readonly statusLink: string;
      readonly resolution: string;
    };

/**
 * An instant as a supervisor reads it: the day, the time on a 24-hour clock and the offset, in the
 * escalation's region (`Wed, 9 Dec 2026, 18:00 GMT+9 (Asia/Tokyo)`), never a raw ISO string.
 */
const localTime = (instant: string, timeZone: string): string =>
  `${new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'shortOffset',
  }).format(new Date(instant))} (${timeZone})`;

const supervisorSubjects = {
  assigned: (e: EscalationForEmail) => `[${e.severity}] Escalation ${e.reference} assigned to you`,
  escalated: (e: EscalationForEmail) => `[${e.severity}] Escalation ${e.reference} reached level ${e.level}: nobody acknowledged it in time`,
  ack_warning: (e: EscalationForEmail, timeZone: string) => `[${e.severity}] Escalation ${e.reference}: acknowledge before ${localTime(e.ackDueAt, timeZone)}`,
} as const;

type SupervisorEmailInput = Extract<NotificationEmailInput, { kind: 'assigned' | 'escalated' | 'ack_warning' }>;
const isForSupervisor = (input: NotificationEmailInput): input is SupervisorEmailInput => 'escalation' in input;

// Latin faces first, then Japanese ones, so neither script falls back to a serif face in a mail
// client (a bare `sans-serif` rendered Latin text of Japanese mails in a serif font).
const FONT_STACK =
  "-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Hiragino Sans','Hiragino Kaku Gothic ProN','Yu Gothic',Meiryo,'Noto Sans JP','Noto Sans CJK JP',sans-serif";

const page = (lang: string, paragraphs: readonly string[]) =>
  `<!doctype html><html lang="${escapeEmailHtml(lang)}"><head><meta charset="utf-8"></head><body style="font-family:${FONT_STACK};line-height:1.5">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
const link = (href: string, label: string) => `<a href="${escapeEmailHtml(href)}"${EMAIL_LINK_TARGET}>${escapeEmailHtml(label)}</a>`;
// Keeps the customer's line breaks in the HTML part without letting any of their text be markup.
const multiline = (text: string) => escapeEmailHtml(text).replace(/\r?\n/g, '<br>');

/**
 * Renders an escalation email: for supervisors (English) the escalation with a link to it in the
 * console; for complainants, in their language (en, ja; others English), their reference, status
 * link and the promise that applies: a premium contract's guaranteed times, a standard customer's
 * target stated as no guarantee. Every piece of text is HTML-escaped in the HTML part.
 *
 * @example
 * ```ts
 * renderNotificationEmail({ kind: 'complaint_resolved', locale: 'ja-JP', reference: 'CMP-7K3QX9AB', statusLink, resolution: '返金しました' });
 * ```
 */
export const renderNotificationEmail = (input: NotificationEmailInput): RenderedEmail => {
  if (isForSupervisor(input)) {
    const { escalation: e, consoleLink, timeZone } = input;
    const lines = [
      `${e.source === 'survey' ? 'A confirmed very low survey score' : 'Complaint'} ${e.reference}, severity ${e.severity}, team ${e.team}, level ${e.level}.`,
      `Acknowledge by ${localTime(e.ackDueAt, timeZone)}${e.guaranteed ? ' (a premium customer: this time is guaranteed by contract)' : ' (a target)'}.`,
    ];
    return {
      subject: supervisorSubjects[input.kind](e, timeZone),
      text: [...lines, `Open it in the console: ${consoleLink}`].join('\n\n'),
      html: page('en', [...lines.map(escapeEmailHtml), link(consoleLink, 'Open the escalation in the console')]),
    };
  }
  const locale = pickLocale(input.locale, undefined, Object.keys(complainantMessages));
  const m = complainantMessages[locale]!;
  if (input.kind === 'complaint_acknowledged') {
    const hours = (minutes: number) => m.businessHours(Math.ceil(minutes / 60));
    const { guaranteed, acknowledgeWithinMinutes, resolveWithinMinutes } = input.promise;
    const promise = (guaranteed ? m.guaranteedPromise : m.targetPromise)(hours(acknowledgeWithinMinutes), hours(resolveWithinMinutes));
    return {
      subject: m.acknowledgedSubject(input.reference),
      text: [m.acknowledgedIntro, `${m.referenceLabel}: ${input.reference}`, promise, `${m.statusLinkLabel}: ${input.statusLink}`, m.signature].join('\n\n'),
      html: page(locale, [
        escapeEmailHtml(m.acknowledgedIntro),
        `${escapeEmailHtml(m.referenceLabel)}: <strong>${escapeEmailHtml(input.reference)}</strong>`,
        escapeEmailHtml(promise),
        link(input.statusLink, m.statusLinkLabel),
        escapeEmailHtml(m.signature),
      ]),
    };
  }
  return {
    subject: m.resolvedSubject(input.reference),
    text: [
      m.resolvedIntro,
      `${m.referenceLabel}: ${input.reference}`,
      `${m.resolutionLabel}:\n${input.resolution}`,
      `${m.statusLinkLabel}: ${input.statusLink}`,
      m.signature,
    ].join('\n\n'),
    html: page(locale, [
      escapeEmailHtml(m.resolvedIntro),
      `${escapeEmailHtml(m.referenceLabel)}: <strong>${escapeEmailHtml(input.reference)}</strong>`,
      `${escapeEmailHtml(m.resolutionLabel)}:<br>${multiline(input.resolution)}`,
      link(input.statusLink, m.statusLinkLabel),
      escapeEmailHtml(m.signature),
    ]),
  };
};
