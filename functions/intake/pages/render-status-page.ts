import type { ComplaintProgress } from '../core/read-complaint-status.ts';
import { escapeHtml } from '../../platform/pages/escape-html.ts';
import { pageLayout } from '../../platform/pages/page-layout.ts';
import { type StatusPageLocale, statusPageMessages } from './status-page-messages.ts';

/** The zone dates are shown in: the page is rendered on the server, which cannot know the reader's, so it names the one it uses. */
const zoneOf = (locale: StatusPageLocale) => (locale === 'ja' ? 'Asia/Tokyo' : 'UTC');

const dateTimeIn = (locale: StatusPageLocale) => {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: zoneOf(locale) });
  return (iso: string) => format.format(Date.parse(iso));
};

/**
 * The complainant's status page: reference, status, the steps they may see, the response time
 * that applies (a premium contract's guarantee, or an honest target) and, once resolved, the
 * resolution text. Every value goes through `escapeHtml`; the page has no script.
 *
 * @example
 * ```ts
 * renderStatusPage('ja', await readComplaintProgress(complaintId, store));
 * ```
 */
export const renderStatusPage = (locale: StatusPageLocale, progress: ComplaintProgress): string => {
  const m = statusPageMessages[locale];
  const when = dateTimeIn(locale);
  const { view } = progress;
  const promise =
    view.status === 'resolved'
      ? ''
      : progress.promise === undefined
        ? m.promiseNone
        : (progress.promise.guaranteed ? m.promiseGuaranteed : m.promiseTarget).replace('{time}', when(progress.promise.respondBy));
  const body = [
    `<h1>${escapeHtml(m.title)}</h1>`,
    '<dl>',
    `<dt>${escapeHtml(m.reference)}</dt><dd id="reference">${escapeHtml(view.reference)}</dd>`,
    `<dt>${escapeHtml(m.status)}</dt><dd id="status">${escapeHtml(m[`status_${view.status}`])}</dd>`,
    '</dl>',
    promise === '' ? '' : `<p class="notice" id="promise">${escapeHtml(promise)}</p>`,
    progress.resolution === undefined ? '' : `<h2>${escapeHtml(m.resolution)}</h2><p id="resolution" class="prewrap">${escapeHtml(progress.resolution)}</p>`,
    progress.steps.length === 0
      ? ''
      : [
          `<h2>${escapeHtml(m.history)}</h2><ol id="history">`,
          ...progress.steps.map(
            (step) => `<li><time datetime="${escapeHtml(step.at)}">${escapeHtml(when(step.at))}</time>: ${escapeHtml(m[`status_${step.status}`])}</li>`,
          ),
          '</ol>',
        ].join(''),
    `<p><small>${escapeHtml(m.timeZoneNote.replace('{zone}', zoneOf(locale)))}</small></p>`,
  ];
  return pageLayout({ locale, title: `${m.title} ${view.reference}`, body: body.join('\n') });
};

/** The page for a status link that does not verify (incomplete, tampered or expired). */
export const renderInvalidStatusLinkPage = (locale: StatusPageLocale): string => {
  const m = statusPageMessages[locale];
  return pageLayout({ locale, title: m.invalidTitle, body: `<h1>${escapeHtml(m.invalidTitle)}</h1><p>${escapeHtml(m.invalidBody)}</p>` });
};
