/**
 * The attributes of every link in an email: open in a new browsing context, as webmail clients
 * do, so that pages which refuse to be framed (`frame-ancestors 'none'`) still open from a viewer
 * that shows mail in an iframe (the local mail viewer does); `noopener noreferrer` keeps the page
 * from reaching back into the mail.
 */
export const EMAIL_LINK_TARGET = ' target="_blank" rel="noopener noreferrer"';
