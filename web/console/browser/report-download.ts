import { type ConsoleMessages, format } from '../view/console-messages.ts';
import { exportFileName, joinCsvPages, nextPageOf } from '../view/export-pages.ts';
import { ADMIN_EXPORTS, type ExportKind, exportPath, type ReportFilters, TEAM_EXPORTS } from '../view/report-query.ts';
import { el } from './dom.ts';
import { byId, type ErrorBody, reasonOf, sessionEnded, state, t, wiring } from './state.ts';

type Notice = { kind: 'status' | 'alert'; text: (m: ConsoleMessages) => string };

/** The last download's progress or failure, and the kind chosen, kept across re-renders (a language switch). */
let exportNotice: Notice | undefined;
let exportKind: ExportKind = 'responses';

/** Forgets the downloads of the session that ended. */
export function forgetDownload(): void {
  exportNotice = undefined;
  exportKind = 'responses';
}

const field = (id: string, label: string, control: HTMLElement) => el('div', { class: 'field' }, el('label', { for: id }, label), control);
const options = (entries: readonly (readonly [string, string])[], chosen: string) =>
  entries.map(([value, text]) => el('option', { value, selected: value === chosen }, text));

/**
 * "Download as CSV": the kind of rows (a team's, or an admin's every kind) of the report's days,
 * and a status line that counts the pages and names the file, or says why it failed.
 */
export function downloadForm(m: ConsoleMessages, filters: ReportFilters, admin: boolean, done: () => void): HTMLElement {
  const kinds: readonly ExportKind[] = admin ? [...TEAM_EXPORTS, ...ADMIN_EXPORTS] : TEAM_EXPORTS;
  const form = el(
    'form',
    { id: 'report-export', class: 'filters', 'aria-labelledby': 'export-heading' },
    el('h3', { id: 'export-heading' }, m.exportHeading),
    field(
      'export-kind',
      m.exportKind,
      el(
        'select',
        { id: 'export-kind' },
        ...options(
          kinds.map((kind) => [kind, m[`export_${kind}`]] as const),
          exportKind,
        ),
      ),
    ),
    el('button', { type: 'submit' }, m.exportDownload),
    el('p', { class: 'hint' }, m.exportHint),
    el(
      'p',
      { id: 'export-status', class: exportNotice ? `message ${exportNotice.kind}` : 'message', role: exportNotice?.kind ?? 'status' },
      exportNotice?.text(m),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    exportKind = kinds.find((kind) => kind === (byId<HTMLSelectElement>('export-kind')?.value ?? '')) ?? 'responses';
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    void download(exportKind, filters).finally(done);
  });
  return form;
}

const sayExport = (next: Notice) => {
  exportNotice = next;
  const live = byId('export-status');
  if (live) {
    live.setAttribute('role', next.kind);
    live.className = `message ${next.kind}`;
    live.textContent = next.text(t());
  }
};

/** One page of an export with the session's token (renewed once on a 401, as every API call is). */
async function fetchPage(path: string): Promise<Response | undefined> {
  const send = () => fetch(path, { headers: { authorization: `Bearer ${state.token ?? ''}`, accept: 'text/csv' }, cache: 'no-store' }).catch(() => undefined);
  const first = await send();
  if (first?.status !== 401 || !(await wiring.renewSession())) return first;
  return send();
}

/** A sanity bound on pages (5,000 rows each): a cursor that never ends must not loop forever. */
const MAX_PAGES = 2_000;

/**
 * Downloads every page of an export, following `Link: <…>; rel="next"`, and offers the joined file
 * as a download from a Blob URL: the token travels in a header, so a plain link could not fetch it.
 */
async function download(kind: ExportKind, asked: ReportFilters): Promise<void> {
  const pages: Uint8Array[] = [];
  let path: string | undefined = exportPath(asked, kind);
  while (path !== undefined && pages.length < MAX_PAGES) {
    const page = pages.length + 1;
    sayExport({ kind: 'status', text: (m) => format(m.exportProgress, { page: String(page) }) });
    const response = await fetchPage(path);
    if (response === undefined) return sayExport({ kind: 'alert', text: (m) => format(m.exportFailed, { reason: m.failed }) });
    if (response.status === 401) return void sessionEnded({ status: 401, body: undefined });
    if (response.status !== 200) {
      const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
      const reason = reasonOf(body) || String(response.status);
      return sayExport({ kind: 'alert', text: (m) => format(m.exportFailed, { reason }) });
    }
    // Bytes, not text: Response.text() would drop the byte order mark Excel needs for Japanese.
    pages.push(new Uint8Array(await response.arrayBuffer()));
    path = nextPageOf(response.headers.get('link'));
  }
  // Never half a file offered as the whole: past MAX_PAGES the span is too long for one download.
  if (path !== undefined) return sayExport({ kind: 'alert', text: (m) => format(m.exportFailed, { reason: m.exportTooLong }) });
  const file = exportFileName(kind, asked.from, asked.to, kind === 'responses' || kind === 'escalations' ? asked.team : '');
  const url = URL.createObjectURL(new Blob(joinCsvPages(pages) as BlobPart[], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: file, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a minute's grace before its memory is freed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  const count = String(pages.length);
  sayExport({ kind: 'status', text: (m) => format(m.exportDone, { file, pages: count }) });
}
