/**
 * The fields of an audit entry's detail that hold a person's user name: the assignee an escalation
 * opened with, a reassign's `from` and `to`, the holder a resolve went over. The API names these
 * people; the console shows them by name. No zod here: the console's page imports it.
 */
export const AUDIT_PERSON_FIELDS = ['assignee', 'from', 'to', 'resolvedOver'] as const;
