import { AUDIT_PERSON_FIELDS } from '../../../functions/escalation/contracts/audit-person-fields.ts';
import type { Severity } from '../../../functions/escalation/contracts/escalation-severity.ts';
import type { AuditEntryView } from '../../../functions/escalation/contracts/supervisor-api.ts';
import { type ConsoleMessages, format } from './console-messages.ts';

const PERSON_FIELDS: ReadonlySet<string> = new Set(AUDIT_PERSON_FIELDS);

/**
 * One history entry as a sentence in the viewer's language ("sup-japan-yui claimed it."), not as
 * the audit trail stores it (`sup-japan-yui: claim`); times in the viewer's locale, severities by
 * their labels. An action this console does not know yet is shown as it is stored.
 *
 * @example
 * ```ts
 * historySentence({ at, actor: 'sup-japan-yui', action: 'claim', detail: {} }, messages.en, 'en-GB'); // 'sup-japan-yui claimed it.'
 * ```
 */

export const historySentence = (
  entry: AuditEntryView,
  messages: ConsoleMessages,
  locale: string,
  timeZone?: string,
  /** Someone's name for their user name (the API's `names`); the user name where there is none. */
  nameOf: (userId: string) => string = (userId) => userId,
): string => {
  const { action } = entry;
  const actor = nameOf(entry.actor);
  const raw = (name: string): string => (Object.hasOwn(entry.detail, name) ? (entry.detail[name] ?? '') : '');
  // The fields that hold a person, shown by name.
  const detail = (name: string): string => (PERSON_FIELDS.has(name) && raw(name) !== '' ? nameOf(raw(name)) : raw(name));
  const time = (name: string) => {
    const value = Date.parse(detail(name));
    return Number.isNaN(value)
      ? detail(name)
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(value);
  };
  // The catalogue's own labels decide what is a severity (a type-only import: zod stays out of the page).
  const severityKey = `severity_${detail('severity')}`;
  const severity = Object.hasOwn(messages, severityKey) ? messages[severityKey as `severity_${Severity}`] : detail('severity');
  switch (action) {
    case 'open':
      return format(messages.history_open, {
        severity,
        team: detail('team'),
        assignee: detail('assignee'),
        level: detail('level'),
      });
    case 'claim':
    case 'ack':
    case 'note':
      return format(messages[`history_${action}`], { actor });
    case 'reassign':
      return detail('toTeam') === ''
        ? format(messages.history_reassign, { actor, from: detail('from'), to: detail('to') })
        : format(messages.history_reassign_team, { actor, fromTeam: detail('fromTeam'), toTeam: detail('toTeam'), to: detail('to') });
    case 'resolve':
      return detail('resolvedOver') === ''
        ? format(messages.history_resolve, { actor })
        : format(messages.history_resolve_over, { actor, holder: detail('resolvedOver') });
    case 'warn':
      return format(messages.history_warn, { assignee: detail('assignee'), ackDueAt: time('ackDueAt') });
    case 'escalate':
      return format(messages.history_escalate, { ackDueAt: time('ackDueAt'), fromLevel: detail('fromLevel'), toLevel: detail('toLevel'), to: detail('to') });
    case 'breach':
      return format(messages.history_breach, { ackDueAt: time('ackDueAt'), level: detail('level') });
    default:
      return format(messages.history_other, { actor, action });
  }
};
