import { createHash } from 'node:crypto';
import { FAVICON_LINK } from './favicon.ts';
import { escapeHtml } from './escape-html.ts';

/**
 * The pages' only style, inline and allowed by its hash in the Content-Security-Policy: no
 * stylesheet route to serve, and no `unsafe-inline`. Colours keep a contrast of at least 4.5:1
 * (WCAG AA) and focus is always visible for keyboard users.
 *
 * @internal exported for its tests only
 */
export const PAGE_STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;margin:0;background:#f6f7f9;color:#1a1a1a;line-height:1.5}',
  'main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}',
  'h1{font-size:1.5rem;margin-top:0}',
  'fieldset{border:1px solid #6b7280;border-radius:6px;margin:0 0 1.25rem;padding:.75rem 1rem}',
  'legend{font-weight:600;padding:0 .25rem}',
  '.scale{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}',
  '.scale label{display:inline-flex;align-items:center;gap:.25rem;min-width:2.75rem;min-height:2.75rem;padding:0 .5rem;border:1px solid #6b7280;border-radius:6px}',
  '.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#374151}',
  '.reasons label{display:block;margin:.25rem 0}',
  'textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit}',
  'button{font:inherit;font-weight:600;background:#0b5394;color:#fff;border:0;border-radius:6px;padding:.75rem 1.5rem;cursor:pointer}',
  'input:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid #b45309;outline-offset:2px}',
  '.notice{background:#eef4fb;border-left:4px solid #0b5394;padding:.5rem .75rem}',
  '.error{background:#fdecec;border-left:4px solid #b91c1c;padding:.5rem .75rem;color:#7f1d1d}',
  '.prewrap{white-space:pre-wrap;overflow-wrap:anywhere}',
].join('');

/** The CSP source for {@link PAGE_STYLE}: `'sha256-…'`. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;

/**
 * A whole HTML document around `body` (already escaped markup). `lang` lets screen readers pick
 * the right voice; the title is escaped here.
 *
 * @example
 * ```ts
 * pageLayout({ locale: 'ja', title: messages.thankYouTitle, body: `<p>${escapeHtml(messages.thankYouBody)}</p>` });
 * ```
 */
export const pageLayout = ({ locale, title, body }: { readonly locale: string; readonly title: string; readonly body: string }): string =>
  [
    '<!doctype html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>${FAVICON_LINK}<style>${PAGE_STYLE}</style></head>`,
    `<body><main>${body}</main></body></html>`,
  ].join('\n');
