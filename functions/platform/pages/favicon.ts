/**
 * Every page's icon, inline: a page without one makes the browser ask for `/favicon.ico`, which on
 * the HTTP API is one more Lambda invocation (route-not-found) per page view. The pages' CSP allows
 * `img-src data:` for it. A rounded square with three lines of text, in the pages' blue.
 */
const FAVICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='#0b5394'/><path d='M4 5h8M4 8h8M4 11h5' stroke='#fff' stroke-width='1.5'/></svg>";

/** The `<link rel="icon">` of every page: the SVG above as a data: URL. */
export const FAVICON_LINK = `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,${encodeURIComponent(FAVICON_SVG)}">`;
