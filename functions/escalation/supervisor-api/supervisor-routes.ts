import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { AUDIT_PERSON_FIELDS } from '../contracts/audit-person-fields.ts';
import {
  awayPeriodsBodySchema,
  holidayChangesBodySchema,
  type EscalationSummary,
  escalationListQuerySchema,
  escalationNoteSchema,
  escalationReassignSchema,
  escalationResolveSchema,
  noFieldsBodySchema,
  responseMarkBodySchema,
  workingHoursBodySchema,
} from '../contracts/supervisor-api.ts';
import { type EscalationAction, type EscalationActor, nextActions } from '../core/apply-escalation-action.ts';
import type { EscalationStatus, TeamMembers } from '../core/escalation.ts';
import { EscalationNotFoundError, EscalationRulesError, PersonNotFoundError, RegionNotFoundError, SupervisorAccessError } from '../core/errors.ts';
import { regionCalendars, setHolidayChanges, setWorkingHours } from '../core/holiday-changes.ts';
import type { EscalationRules } from '../contracts/escalation-rules.ts';
import type { SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import { assertMaySetAwayOf, peopleInReach } from '../core/people-in-reach.ts';
import { setAway, setAwayPeriods } from '../core/change-directory.ts';
import { supervisorUserId } from '../contracts/supervisor-user-id.ts';
import type { DynamoDbDirectoryStore } from '../adapters/dynamodb-directory-store.ts';
import type { EscalationListQuery, StoredEscalation, SupervisorEscalationStore } from '../core/escalation-store.ts';
import type { EscalationSubjectStore } from '../core/escalation-subject-store.ts';
import { markResponse, type ResponseMarkStore } from '../core/response-marks.ts';
import { readListCursor, signListCursor } from '../core/list-cursor.ts';
import { ownValue } from '../../platform/own-value.ts';
import { highestRole, scopeOf, supervisorIdentity } from '../core/supervisor-identity.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { detailsOf, readJsonBody } from '../../platform/http/read-json-body.ts';
import { verifiedTokenClaims } from '../adapters/verified-token-claims.ts';
import { RequestError, ValidationError } from '../../platform/http/request-errors.ts';

export interface SupervisorRoutesDependencies {
  readonly store: SupervisorEscalationStore;
  /** Every team an admin's unfiltered listing covers (the rules' teams). */
  readonly teams: readonly string[];
  /** Each team's supervisors and lead, from the supervisor directory as it is now: whom a reassign may name. */
  readonly teamMembers: () => Promise<TeamMembers>;
  /** People's names by user name, from the supervisor directory: the console shows names, not ids. @default none */
  readonly names?: () => Promise<ReadonlyMap<string, string>>;
  /**
   * The directory as the table holds it, read fresh for the team page and changed (audited) by a
   * `PUT /people/{id}/away`.
   * @default - the people routes answer 404
   */
  readonly directory?: Pick<DynamoDbDirectoryStore, 'read' | 'change'>;
  /** The rules as deployed: the regions whose holidays an admin changes. @default - the calendar routes answer 404 */
  readonly deployedRules?: EscalationRules;
  /** Signs listing cursors (the link-signing key ring's current key). */
  readonly signingKey: string;
  /** Every key of the ring: a cursor signed before a rotation still reads. */
  readonly verificationKeys: readonly string[];
  readonly now: () => Date;
  /**
   * What an escalation is about, shown with it: its complaint, or (`source` `survey`) its survey answer.
   * @default - neither is shown
   */
  readonly subjects?: Pick<EscalationSubjectStore, 'complaintOf' | 'surveyAnswerOf'>;
  /** Survey answers' "about the product, not the agent" marks. @default - the route answers 404 */
  readonly responseMarks?: ResponseMarkStore;
  /**
   * What a resolve carries: writes added to its transaction (the complainant's outbox item, the
   * complaint's `resolved` status) and, once committed, the fast-path send of that email.
   * @default - a resolve changes the escalation only
   */
  readonly resolution?: {
    readonly writesFor: (escalation: Omit<StoredEscalation, 'audit'>, now: Date) => Promise<readonly unknown[]>;
    readonly deliver: (escalation: Omit<StoredEscalation, 'audit'>, now: Date) => Promise<unknown>;
  };
}

const UNRESOLVED: readonly EscalationStatus[] = ['open', 'claimed', 'acknowledged'];

/** The names of `ids` the directory has, as a response carries them. */
const namesFor = (names: ReadonlyMap<string, string>, ids: readonly (string | undefined)[]): Record<string, string> =>
  Object.fromEntries([...new Set(ids)].flatMap((id) => (id === undefined || !names.has(id) ? [] : [[id, names.get(id)!] as const])));

const summaryOf = (escalation: Omit<StoredEscalation, 'audit'>): EscalationSummary => ({
  id: escalation.id,
  reference: escalation.reference,
  // Escalations stored before surveys could open one carry no source: they are all complaints.
  source: escalation.source ?? 'complaint',
  severity: escalation.severity,
  team: escalation.team,
  assignee: escalation.assignee,
  level: escalation.level,
  status: escalation.status,
  ackDueAt: escalation.ackDueAt,
  resolveDueAt: escalation.resolveDueAt,
});

/**
 * Who is calling, from the token API Gateway's JWT authorizer verified, as the token holds its
 * claims (`verifiedTokenClaims`): the same `supervisorIdentity` reads them on AWS and behind the
 * local gateway. No role or no team is a 403.
 */
const actorOf = (event: APIGatewayProxyEventV2): EscalationActor => {
  const identity = supervisorIdentity(verifiedTokenClaims(event));
  const scope = scopeOf(identity);
  const role = highestRole(identity) ?? 'supervisor';
  return { id: identity.userId, role, teams: scope.kind === 'team' ? [scope.team] : [] };
};

const readQuery = <Output>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<Output>): Output => {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (!result.success) throw new ValidationError(detailsOf(result.error.issues));
  return result.data;
};

// claim and ack carry nothing: an empty body is as good as `{}`.
const readOptionalBody = <Output>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<Output>): Output =>
  event.body === undefined || event.body === '' ? schema.parse({}) : readJsonBody(event, schema);

const withoutFields =
  (action: EscalationAction) =>
  (event: APIGatewayProxyEventV2): EscalationAction => {
    readOptionalBody(event, noFieldsBodySchema);
    return action;
  };

const idOf = (event: APIGatewayProxyEventV2): string => {
  const id = event.pathParameters?.['id'];
  if (id === undefined || id.length > 128) throw new EscalationNotFoundError('escalation_not_found', 'No escalation has this id.');
  return id;
};

const assertAdmin = (actor: EscalationActor) => {
  if (actor.role !== 'admin') throw new SupervisorAccessError('forbidden', 'Only an admin sees and changes the holiday calendars.');
};

const regionOf = (event: APIGatewayProxyEventV2, rules: EscalationRules): string => {
  const region = event.pathParameters?.['region'] ?? '';
  if (!Object.hasOwn(rules.regions, region)) throw new RegionNotFoundError('region_not_found', `The rules have no region ${region.slice(0, 64)}.`);
  return region;
};

const personIdOf = (event: APIGatewayProxyEventV2): string => {
  const parsed = supervisorUserId.safeParse(event.pathParameters?.['id']);
  if (!parsed.success) throw new PersonNotFoundError('person_not_found', 'Nobody in the supervisor directory has this user name.');
  return parsed.data;
};

/**
 * The supervisor API's routes by API Gateway `routeKey`, each a few lines over the escalation
 * store: scope comes from the token, the core decides every action, the store appends the audit
 * entry in the same write.
 *
 * @example
 * ```ts
 * const handle = supervisorRoutes({ store, teams: ['general-support'], teamMembers: async () => teamMembers, signingKey, verificationKeys, now: () => new Date() });
 * ```
 */
export const supervisorRoutes = (deps: SupervisorRoutesDependencies) => {
  const act =
    (actionOf: (event: APIGatewayProxyEventV2) => EscalationAction | Promise<EscalationAction>) =>
    async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
      const actor = actorOf(event);
      const id = idOf(event);
      const action = await actionOf(event);
      const now = deps.now();
      const { resolution } = deps;
      const resolving = action.type === 'resolve' && resolution !== undefined;
      const { escalation, entry } = await deps.store.applyAction(
        id,
        action,
        actor,
        now,
        resolving ? (changed) => resolution.writesFor(changed, now) : undefined,
      );
      if (resolving) await resolution.deliver(escalation, now);
      return jsonResponse(200, { escalation: summaryOf(escalation), entry });
    };

  const directoryStore = () => {
    if (deps.directory === undefined) throw new RequestError(404, 'route_not_found', 'This API serves no people routes.');
    return deps.directory;
  };
  const deployedRules = () => {
    if (deps.deployedRules === undefined) throw new RequestError(404, 'route_not_found', 'This API serves no calendar routes.');
    return deps.deployedRules;
  };
  const currentDirectory = async () => {
    const directory = await directoryStore().read();
    if (directory === undefined) throw new EscalationRulesError('no_directory', 'The table holds no supervisor directory: seed it (docs/deploy.md).');
    return directory;
  };

  /** An admin's change to one region's calendar (holidays, working week): audited in the directory, answered with the region as it counts now. */
  const changeCalendar =
    <Body>(
      schema: z.ZodMiniType<Body>,
      edit: (directory: SupervisorDirectory, rules: EscalationRules, region: string, body: Body) => SupervisorDirectory,
      describe: (region: string, body: Body) => string,
    ) =>
    async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
      const actor = actorOf(event);
      assertAdmin(actor);
      const rules = deployedRules();
      const region = regionOf(event, rules);
      const body = readJsonBody(event, schema);
      const now = deps.now();
      const changed = await directoryStore().change((directory) => edit(directory, rules, region, body), { by: actor.id, what: describe(region, body) }, now);
      return jsonResponse(200, { calendar: regionCalendars(rules, changed.holidays, now).find((calendar) => calendar.region === region) });
    };

  const routes: Record<string, (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>> = {
    'GET /escalations': async (event) => {
      const actor = actorOf(event);
      const filters = readQuery(event, escalationListQuerySchema);
      if (filters.team !== undefined && actor.role !== 'admin' && !actor.teams.includes(filters.team)) {
        throw new SupervisorAccessError('forbidden', `A ${actor.role} sees only the escalations of their own team.`);
      }
      const teams = filters.team !== undefined ? [filters.team] : actor.role === 'admin' ? deps.teams : actor.teams;
      const query: EscalationListQuery = {
        teams,
        statuses: filters.status === undefined ? UNRESOLVED : [filters.status],
        ...(filters.severity === undefined ? {} : { severity: filters.severity }),
        ...(filters.assignee === undefined ? {} : { assignee: filters.assignee }),
        sort: filters.sort,
        limit: filters.limit,
      };
      const after = filters.cursor === undefined ? undefined : readListCursor(filters.cursor, query, deps.verificationKeys);
      const page = await deps.store.list({ ...query, ...(after === undefined ? {} : { after }) });
      const names = (await deps.names?.()) ?? new Map<string, string>();
      return jsonResponse(200, {
        escalations: page.escalations.map(summaryOf),
        names: namesFor(
          names,
          page.escalations.flatMap((escalation) => [escalation.assignee, escalation.claimedBy]),
        ),
        ...(page.next === undefined ? {} : { cursor: signListCursor(page.next, query, deps.signingKey) }),
      });
    },
    'GET /escalations/{id}': async (event) => {
      const actor = actorOf(event);
      const escalation = await deps.store.get(idOf(event));
      if (escalation === undefined) throw new EscalationNotFoundError('escalation_not_found', 'No escalation has this id.');
      if (actor.role !== 'admin' && !actor.teams.includes(escalation.team)) {
        throw new SupervisorAccessError('forbidden', `A ${actor.role} sees only the escalations of their own team.`);
      }
      const { audit, version: _version, ...state } = escalation;
      const about =
        escalation.source === 'survey'
          ? { surveyAnswer: await deps.subjects?.surveyAnswerOf(escalation.id) }
          : { complaint: await deps.subjects?.complaintOf(escalation.id) };
      const next = nextActions(escalation, actor, deps.now());
      const members = next.includes('reassign') ? await deps.teamMembers() : undefined;
      const reassignTo = members === undefined ? undefined : [...(members.get(escalation.team) ?? [])];
      // Leads and admins, who may reassign, may also move it to another team: each other team with its members.
      const moveTo =
        members === undefined ? undefined : [...members].filter(([team]) => team !== escalation.team).map(([team, people]) => ({ team, members: [...people] }));
      const names = (await deps.names?.()) ?? new Map<string, string>();
      return jsonResponse(200, {
        escalation: { ...summaryOf(escalation), ...state },
        ...about,
        history: audit,
        nextActions: next,
        names: namesFor(names, [
          escalation.assignee,
          escalation.claimedBy,
          // The history's people: who acted, and whom it names (the assignee it opened with, a reassign's from and to, whom an escalation went to).
          ...audit.flatMap((entry) => [
            entry.actor,
            ...AUDIT_PERSON_FIELDS.map((field) => (Object.hasOwn(entry.detail, field) ? entry.detail[field] : undefined)),
          ]),
          ...(reassignTo ?? []),
          ...(moveTo ?? []).flatMap((team) => team.members),
        ]),
        ...(reassignTo === undefined ? {} : { reassignTo }),
        ...(moveTo === undefined || moveTo.length === 0 ? {} : { moveTo }),
      });
    },
    'POST /escalations/{id}/claim': act(withoutFields({ type: 'claim' })),
    'POST /escalations/{id}/ack': act(withoutFields({ type: 'ack' })),
    'POST /escalations/{id}/notes': act((event) => ({ type: 'note', text: readJsonBody(event, escalationNoteSchema).text })),
    'POST /escalations/{id}/reassign': act(async (event) => {
      const body = readJsonBody(event, escalationReassignSchema);
      return { type: 'reassign', ...body, teamMembers: await deps.teamMembers() };
    }),
    'GET /people': async (event) => {
      const actor = actorOf(event);
      return jsonResponse(200, { people: peopleInReach(actor, await currentDirectory(), deps.now()) });
    },
    'PUT /people/{id}/away': async (event) => {
      const actor = actorOf(event);
      const id = personIdOf(event);
      const { periods, away } = readJsonBody(event, awayPeriodsBodySchema);
      if (away !== undefined && actor.role === 'supervisor')
        throw new SupervisorAccessError('forbidden', 'The open-ended away mark is for a lead or an admin to set and clear.');
      const now = deps.now();
      const mark = away === undefined ? '' : away ? '; marked away' : '; away mark cleared';
      const what = `away periods of ${id}: ${periods.map(({ from, until }) => `${from}/${until}`).join(', ') || 'none'}${mark}`;
      const changed = await directoryStore().change(
        (directory) => {
          // Decided on the directory the change is applied to (read consistently), not an older copy.
          assertMaySetAwayOf(actor, directory, id, now);
          const planned = setAwayPeriods(directory, id, periods, now);
          return away === undefined ? planned : setAway(planned, id, away);
        },
        { by: actor.id, what },
        now,
      );
      return jsonResponse(200, { person: peopleInReach(actor, changed, now).find((person) => person.id === id) });
    },
    'PUT /responses/{invitationId}/about-product': async (event) => {
      const actor = actorOf(event);
      const { aboutProductNotAgent } = readJsonBody(event, responseMarkBodySchema);
      if (deps.responseMarks === undefined) throw new RequestError(404, 'route_not_found', 'This API marks no survey answers.');
      const invitationId = event.pathParameters?.['invitationId'] ?? '';
      return jsonResponse(200, { response: await markResponse(actor, invitationId, aboutProductNotAgent, deps.responseMarks, deps.now()) });
    },
    'GET /calendars': async (event) => {
      assertAdmin(actorOf(event));
      return jsonResponse(200, { calendars: regionCalendars(deployedRules(), (await currentDirectory()).holidays, deps.now()) });
    },
    'PUT /calendars/{region}/holidays': changeCalendar(
      holidayChangesBodySchema,
      setHolidayChanges,
      (region, change) =>
        `holidays of ${region}: added ${change.added.join(' ') || 'none'}; removed ${change.removed.join(' ') || 'none'}${change.holidaysThrough === undefined ? '' : `; through ${change.holidaysThrough}`}`,
    ),
    'PUT /calendars/{region}/hours': changeCalendar(
      workingHoursBodySchema,
      setWorkingHours,
      (region, week) => `working week of ${region}: ${week.workingDays.join(' ')}; ${week.hours.map(({ from, to }) => `${from}-${to}`).join(' ')}`,
    ),
    'POST /escalations/{id}/resolve': act((event) => ({ type: 'resolve', resolution: readJsonBody(event, escalationResolveSchema).resolution })),
  };

  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = ownValue(routes, event.routeKey);
    if (route === undefined) throw new RequestError(404, 'route_not_found', `No supervisor route ${event.routeKey}.`);
    return route(event);
  };
};
