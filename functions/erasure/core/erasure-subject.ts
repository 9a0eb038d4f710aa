/** Whom an erasure is for: a customer id as the support system names them, or an email address. */
export type ErasureSubject = { readonly kind: 'id'; readonly id: string } | { readonly kind: 'email'; readonly email: string };

/**
 * Reads the operand of `erase-customer`: an email address (it has an `@`; compared lower-cased,
 * as mail systems treat addresses) or a customer id; `undefined` for nothing usable.
 *
 * @example
 * ```ts
 * erasureSubjectOf('Aiko@Example.com'); // { kind: 'email', email: 'aiko@example.com' }
 * erasureSubjectOf('cust-42'); // { kind: 'id', id: 'cust-42' }
 * ```
 */
export const erasureSubjectOf = (operand: string | undefined): ErasureSubject | undefined => {
  const text = operand?.trim() ?? '';
  if (text === '' || /\s/.test(text)) return undefined;
  if (!text.includes('@')) return { kind: 'id', id: text };
  return /^[^@]+@[^@]+$/.test(text) ? { kind: 'email', email: text.toLowerCase() } : undefined;
};
