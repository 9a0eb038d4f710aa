import { AdminGetUserCommand, AdminListGroupsForUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { DynamoDbSlaWatchStore } from '../../../functions/escalation/adapters/dynamodb-sla-watch-store.ts';
import { accountRouteKeys } from '../../../functions/escalation/contracts/accounts-api-paths.ts';
import { reportRouteKeys } from '../../../functions/reports/contracts/reports-api-paths.ts';
import { supervisorRouteKeys } from '../../../functions/escalation/contracts/supervisor-api-paths.ts';
import type { Escalation } from '../../../functions/escalation/core/escalation.ts';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { mailAndSchedules } from '../helpers/mail-and-schedules.ts';
import { connectTo, recordingDynamoDbClient } from '../helpers/pipeline-connection.ts';
import { aReference, anEscalation } from '../../helpers/escalation-fixtures.ts';
import { shippedRules } from '../../helpers/shipped-escalation-settings.ts';
import { forgePoolToken, poolSigningKey } from '../../helpers/test-user-pool.ts';

const pipeline = inject('pipeline');
const { request } = connectTo(pipeline);
const { emailTo } = mailAndSchedules(pipeline);
const client = new DynamoDBClient({
  endpoint: pipeline.dynamodbEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const store = new DynamoDbEscalationStore(client, pipeline.tableName);

/** The directory's audit items (`DIRECTORY` / `CHANGE#…`): who changed what. */
const directoryChanges = async () => {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: pipeline.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
      ExpressionAttributeValues: { ':pk': { S: 'DIRECTORY' }, ':change': { S: 'CHANGE#' } },
    }),
  );
  return Items.map((item) => unmarshall(item));
};

/** Seeds an escalation straight through the store, as the complaint consumer will. */
const seed = async (overrides: Partial<Escalation> = {}) => {
  const escalation = anEscalation(overrides);
  const reference = aReference();
  expect(await store.create(escalation, reference)).toBe('created');
  return { ...escalation, reference };
};

/** Seeds a confirmed survey answer (of `team`, or of none) as the answer consumer stores it; its invitation id. */
const seedAnswer = async (team: string | undefined) => {
  const invitationId = randomUUID();
  // Answered in 2098: the counters it moves are read by no report of the tests sharing this pipeline.
  const at = '2098-01-05T09:00:00.000Z';
  await client.send(
    new PutItemCommand({
      TableName: pipeline.tableName,
      Item: marshall(
        {
          pk: `INVITATION#${invitationId}`,
          sk: 'RESPONSE',
          responseId: `r-${invitationId}`,
          invitationId,
          status: 'confirmed',
          source: 'page',
          answer: { csat: 2 },
          firstAnsweredAt: at,
          updatedAt: at,
          confirmedAt: at,
          ...(team === undefined ? {} : { reportedAs: { team, agent: 'sup-general-ben' } }),
        },
        { removeUndefinedValues: true },
      ),
    }),
  );
  return invitationId;
};

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  request(method, path, {
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const demo = pipeline.supervisorTokens;
const tokens: Record<string, string | undefined> = {
  none: undefined,
  supervisorOfTheTeam: demo['sup-general-ana'],
  supervisorOfAnotherTeam: demo['sup-cloud-dev'],
  leadOfTheTeam: demo['lead-general-chloe'],
  leadOfAnotherTeam: demo['lead-cloud-femi'],
  admin: demo['admin-grace'],
};

beforeAll(async () => {
  const key = await poolSigningKey();
  const localTokenAudience = pipeline.userPool.clientId;
  const user = { userId: 'someone-else', name: 'No Role', email: 'no.role@example.com', groups: [], team: 'general-support' } as const;
  tokens['inNoGroup'] = await forgePoolToken(pipeline.authIssuerUrl, localTokenAudience, user);
  tokens['expired'] = await forgePoolToken(
    pipeline.authIssuerUrl,
    localTokenAudience,
    { ...user, groups: ['admin'] },
    { ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) },
  );
  const forgedKey = await generateKeyPair('RS256');
  tokens['forged'] = await new SignJWT({ token_use: 'id', 'cognito:groups': ['admin'] })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject('mallory')
    .setIssuer(pipeline.authIssuerUrl)
    .setAudience(localTokenAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(forgedKey.privateKey);
  tokens['otherAudience'] = await new SignJWT({ token_use: 'id', 'cognito:groups': ['admin'] })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setSubject('admin-grace')
    .setIssuer(pipeline.authIssuerUrl)
    .setAudience('another-app-client')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key.privateKey);
  tokens['notAJwt'] = 'not-a-jwt';
  const signed = (claims: Record<string, unknown>, expiresIn: string | undefined) => {
    const jwt = new SignJWT({ token_use: 'id', 'cognito:username': 'mallory', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('5f0a9c3e-2b7d-4e1f-8a6c-9d3b2e1f0a7c')
      .setIssuer(pipeline.authIssuerUrl)
      .setAudience(localTokenAudience)
      .setIssuedAt();
    return (expiresIn === undefined ? jwt : jwt.setExpirationTime(expiresIn)).sign(key.privateKey);
  };
  // API Gateway flattens cognito:groups to "[x admin]": these groups must not read as admin.
  tokens['inGroupXSpaceAdmin'] = await signed({ 'cognito:groups': ['x admin'], 'custom:team': 'general-support' }, '1h');
  tokens['inGroupXCommaAdmin'] = await signed({ 'cognito:groups': ['x,admin'], 'custom:team': 'general-support' }, '1h');
  tokens['withoutExp'] = await signed({ 'cognito:groups': ['admin'] }, undefined);
});

// The away dates the matrix and the tests below set, cleared again for the files that share this pipeline.
afterAll(async () => {
  for (const person of ['sup-general-ana', 'sup-general-ben', 'head-hugo']) {
    await call(demo['admin-grace'], 'PUT', `/people/${person}/away`, { periods: [] });
  }
  await call(demo['admin-grace'], 'PUT', '/calendars/us/holidays', { added: [], removed: [] });
});

// Every route x every caller, from this one table: each case is a route, with the state it finds
// the escalation in and the body it sends where that changes the answer. Each cell acts on its own
// escalation of the team general-support (its supervisors sup-general-ana and sup-general-ben, its
// lead lead-general-chloe). An outcome is a status, or a status and the error code.
type Caller = keyof typeof refused | 'supervisorOfTheTeam' | 'leadOfTheTeam' | 'admin';
type Outcome = number | readonly [number, string];
const refused = {
  none: 401,
  notAJwt: 401,
  forged: 401,
  expired: 401,
  withoutExp: 401,
  otherAudience: 401,
  inNoGroup: [403, 'forbidden'],
  inGroupXSpaceAdmin: [403, 'forbidden'],
  inGroupXCommaAdmin: [403, 'forbidden'],
  supervisorOfAnotherTeam: [403, 'forbidden'],
  leadOfAnotherTeam: [403, 'forbidden'],
} as const satisfies Record<string, Outcome>;
const forbidden = [403, 'forbidden'] as const;
// A body the schema refuses: read before anything else, so every caller with a role learns only that.
const invalidForEveryRole = {
  ...refused,
  supervisorOfAnotherTeam: [400, 'validation_failed'],
  leadOfAnotherTeam: [400, 'validation_failed'],
  supervisorOfTheTeam: [400, 'validation_failed'],
  leadOfTheTeam: [400, 'validation_failed'],
  admin: [400, 'validation_failed'],
} as const;
const heldBy = (holder: string): Partial<Escalation> => ({ status: 'claimed', claimedBy: holder, assignee: holder });
const reassignBody = (to: string, team?: string) => ({ to, ...(team === undefined ? {} : { team }) });
// Far in the future: the matrix's away periods change nobody's round-robin in the tests that share this pipeline.
const awayBody = { periods: [{ from: '2099-01-05T00:00:00Z', until: '2099-01-10T00:00:00Z' }] };
const inReach = { supervisorOfAnotherTeam: 200, leadOfAnotherTeam: 200 } as const;
const adminOnly = { supervisorOfTheTeam: forbidden, leadOfTheTeam: forbidden } as const;
const holidayBody = { added: ['2099-07-05'], removed: [] };
// An admin's account, in no team: creating it changes no round-robin of the tests sharing this pipeline.
const newAdminBody = { user: 'admin-matrix-zoe', name: 'Zoe Matrix', email: 'zoe.matrix@example.com', role: 'admin' };
const cases: Record<
  string,
  {
    seed?: Partial<Escalation>;
    person?: string;
    region?: string;
    account?: string;
    /** A survey answer to seed: of a team, of none (`{}`), or none at all (`'none'`). */
    answer?: { team?: string } | 'none';
    query?: string;
    body?: unknown;
    outcomes: Record<Caller, Outcome>;
  }
> = {
  'GET /escalations': { outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 } },
  'GET /escalations/{id}': { outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 } },
  'POST /escalations/{id}/claim': { outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 } },
  'POST /escalations/{id}/ack': { outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 } },
  'POST /escalations/{id}/notes': {
    body: { text: 'Called the customer back.' },
    outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  // Only leads and admins move work between people, and only to someone of the escalation's team.
  'POST /escalations/{id}/reassign to a supervisor of its team': {
    body: reassignBody('sup-general-ben'),
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: 200, admin: 200 },
  },
  "POST /escalations/{id}/reassign to another team's supervisor": {
    body: reassignBody('sup-cloud-dev'),
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: [400, 'not_a_team_member'], admin: [400, 'not_a_team_member'] },
  },
  'POST /escalations/{id}/reassign to an id nobody has': {
    body: reassignBody('nobody-at-all'),
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: [400, 'unknown_assignee'], admin: [400, 'unknown_assignee'] },
  },
  // The body is read before the escalation: whoever has a role learns only that it is not a user id.
  'POST /escalations/{id}/reassign to markup': {
    body: reassignBody('<img src=x onerror=alert(1)>'),
    outcomes: invalidForEveryRole,
  },
  'POST /escalations/{id}/reassign moving it to another team': {
    body: reassignBody('sup-cloud-dev', 'cloud-platform'),
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: 200, admin: 200 },
  },
  'POST /escalations/{id}/reassign moving it to a team the directory does not have': {
    body: reassignBody('sup-cloud-dev', 'billing'),
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: [400, 'unknown_team'], admin: [400, 'unknown_team'] },
  },
  // The holder resolves; a lead of the team or an admin also over someone else's hold; a
  // supervisor who does not hold it is told who does, or to claim it first.
  'POST /escalations/{id}/resolve held by the caller sup-general-ana': {
    seed: heldBy('sup-general-ana'),
    body: { resolution: 'Refunded the month and apologised.' },
    outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  'POST /escalations/{id}/resolve held by another supervisor': {
    seed: heldBy('sup-general-ben'),
    body: { resolution: 'Refunded the month and apologised.' },
    outcomes: { ...refused, supervisorOfTheTeam: [409, 'not_holder'], leadOfTheTeam: 200, admin: 200 },
  },
  'POST /escalations/{id}/resolve nobody has claimed': {
    body: { resolution: 'Refunded the month and apologised.' },
    outcomes: { ...refused, supervisorOfTheTeam: [409, 'not_holder'], leadOfTheTeam: 200, admin: 200 },
  },
  // Everyone with a role sees someone: themselves at least.
  'GET /people': { outcomes: { ...refused, ...inReach, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 } },
  // A supervisor sets their own away dates, a lead their team's, an admin anyone's; the caller sup-general-ana is the team's supervisor.
  'PUT /people/{id}/away of sup-general-ana': {
    person: 'sup-general-ana',
    body: awayBody,
    outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  'PUT /people/{id}/away of her teammate sup-general-ben': {
    person: 'sup-general-ben',
    body: awayBody,
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: 200, admin: 200 },
  },
  'PUT /people/{id}/away of the head of support': {
    person: 'head-hugo',
    body: { periods: [] },
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: forbidden, admin: 200 },
  },
  // The open-ended mark is a lead's or an admin's; clearing it on someone unmarked changes nothing.
  'PUT /people/{id}/away clearing the away mark of sup-general-ben': {
    person: 'sup-general-ben',
    body: { periods: [], away: false },
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: 200, admin: 200 },
  },
  // Only an admin learns that nobody has the name; the body is read before the directory.
  'PUT /people/{id}/away of nobody': {
    person: 'sup-nobody',
    body: awayBody,
    outcomes: { ...refused, supervisorOfTheTeam: forbidden, leadOfTheTeam: forbidden, admin: [404, 'person_not_found'] },
  },
  'PUT /people/{id}/away ending before it starts': {
    person: 'sup-general-ana',
    body: { periods: [{ from: '2099-01-10T00:00:00Z', until: '2099-01-05T00:00:00Z' }] },
    outcomes: invalidForEveryRole,
  },
  // A survey answer is marked about the product by its team's supervisors and lead, or an admin.
  'PUT /responses/{invitationId}/about-product of the team’s answer': {
    answer: { team: 'general-support' },
    body: { aboutProductNotAgent: true },
    outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  'PUT /responses/{invitationId}/about-product of an answer without a team': {
    answer: {},
    body: { aboutProductNotAgent: true },
    outcomes: { ...refused, ...adminOnly, admin: 200 },
  },
  'PUT /responses/{invitationId}/about-product of no answer': {
    answer: 'none',
    body: { aboutProductNotAgent: true },
    outcomes: {
      ...refused,
      supervisorOfAnotherTeam: [404, 'response_not_found'],
      leadOfAnotherTeam: [404, 'response_not_found'],
      supervisorOfTheTeam: [404, 'response_not_found'],
      leadOfTheTeam: [404, 'response_not_found'],
      admin: [404, 'response_not_found'],
    },
  },
  'PUT /responses/{invitationId}/about-product with a mark that is no boolean': {
    answer: { team: 'general-support' },
    body: { aboutProductNotAgent: 'yes' },
    outcomes: invalidForEveryRole,
  },
  // Holiday calendars are the admins' alone, to read and to change.
  'GET /calendars': { outcomes: { ...refused, ...adminOnly, admin: 200 } },
  'PUT /calendars/{region}/holidays of us': { region: 'us', body: holidayBody, outcomes: { ...refused, ...adminOnly, admin: 200 } },
  'PUT /calendars/{region}/holidays of a region the rules lack': {
    region: 'constructor',
    body: holidayBody,
    outcomes: { ...refused, ...adminOnly, admin: [404, 'region_not_found'] },
  },
  'PUT /calendars/{region}/holidays adding and removing one day': {
    region: 'us',
    body: { added: ['2099-07-05'], removed: ['2099-07-05'] },
    outcomes: { ...refused, ...adminOnly, admin: [400, 'added_and_removed'] },
  },
  // The deployed us week itself: the tests sharing this pipeline count the same SLA time.
  'PUT /calendars/{region}/hours of us': {
    region: 'us',
    body: { workingDays: shippedRules.regions['us']!.workingDays, hours: shippedRules.regions['us']!.hours },
    outcomes: { ...refused, ...adminOnly, admin: 200 },
  },
  'PUT /calendars/{region}/hours with windows that overlap': {
    region: 'us',
    body: {
      workingDays: ['mon'],
      hours: [
        { from: '09:00', to: '13:00' },
        { from: '12:00', to: '17:00' },
      ],
    },
    outcomes: { ...refused, ...adminOnly, admin: [400, 'validation_failed'] },
  },
  'PUT /calendars/{region}/hours of a region the rules lack': {
    region: 'constructor',
    body: { workingDays: ['mon'], hours: [{ from: '09:00', to: '17:00' }] },
    outcomes: { ...refused, ...adminOnly, admin: [404, 'region_not_found'] },
  },
  // Accounts are the admins' alone: anyone else is refused before the body is read.
  'POST /accounts of a new admin': { body: newAdminBody, outcomes: { ...refused, ...adminOnly, admin: 201 } },
  'POST /accounts of a name the pool has': {
    body: { ...newAdminBody, user: 'admin-grace' },
    outcomes: { ...refused, ...adminOnly, admin: [409, 'account_exists'] },
  },
  'POST /accounts in a team the directory lacks': {
    body: { ...newAdminBody, user: 'sup-mars-zed', role: 'supervisor', team: 'constructor' },
    outcomes: { ...refused, ...adminOnly, admin: [400, 'unknown_team'] },
  },
  'POST /accounts without a user name': {
    body: { ...newAdminBody, user: 'Zoe Matrix' },
    outcomes: { ...refused, ...adminOnly, admin: [400, 'validation_failed'] },
  },
  'PUT /accounts/{id}/team of someone who is no supervisor': {
    account: 'lead-general-chloe',
    body: { team: 'cloud-platform' },
    outcomes: { ...refused, ...adminOnly, admin: [400, 'unknown_person'] },
  },
  'POST /accounts/{id}/disable of nobody': { account: 'sup-nobody', outcomes: { ...refused, ...adminOnly, admin: [404, 'account_not_found'] } },
  'POST /accounts/{id}/enable of an enabled admin': { account: 'admin-grace', outcomes: { ...refused, ...adminOnly, admin: 200 } },
  // Reports: everyone with a role reads their own team's; an admin any team's; naming another team is refused.
  'GET /reports/summary of the caller’s own team': {
    query: '?from=2026-10-01&to=2026-12-31',
    outcomes: { ...refused, ...inReach, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  'GET /reports/summary of the team general-support': {
    query: '?from=2026-10-01&to=2026-12-31&groupBy=agent&team=general-support',
    outcomes: { ...refused, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  'GET /reports/summary ending before it starts': { query: '?from=2026-12-31&to=2026-10-01', outcomes: invalidForEveryRole },
  // Help-site feedback and complaints before escalation belong to no team: an admin's to break down.
  'GET /reports/export.csv of escalations': {
    query: '?from=2026-10-01&to=2026-12-31&kind=escalations',
    outcomes: { ...refused, ...inReach, supervisorOfTheTeam: 200, leadOfTheTeam: 200, admin: 200 },
  },
  'GET /reports/export.csv of complaints': { query: '?from=2026-10-01&to=2026-12-31&kind=complaints', outcomes: { ...refused, ...adminOnly, admin: 200 } },
  'GET /reports/summary by help-site article': { query: '?from=2026-10-01&to=2026-12-31&groupBy=article', outcomes: { ...refused, ...adminOnly, admin: 200 } },
};
const routeOf = (name: string) => name.split(' ').slice(0, 2).join(' ');
const cells = Object.entries(cases).flatMap(([name, { outcomes }]) =>
  Object.entries(outcomes).map(([caller, outcome]) => [name, caller as Caller, typeof outcome === 'number' ? String(outcome) : outcome.join(' ')] as const),
);

describe('the supervisor, accounts and reports APIs’ authorization matrix (local gateway, real tokens of the local issuer)', () => {
  it('covers every route of the template and every caller in every case', () => {
    expect(new Set(Object.keys(cases).map(routeOf))).toEqual(new Set([...supervisorRouteKeys, ...accountRouteKeys, ...reportRouteKeys]));
    const callers = Object.keys(cases['GET /escalations']!.outcomes).sort();
    expect(callers).toHaveLength(14);
    for (const { outcomes } of Object.values(cases)) expect(Object.keys(outcomes).sort()).toEqual(callers);
  });

  it.each(cells)('%s as %s answers %s', async (name, caller, answer) => {
    const { seed: state = {}, person, region, account, answer: answerToSeed, query = '', body, outcomes } = cases[name]!;
    const outcome = outcomes[caller];
    const [status, code] = typeof outcome === 'number' ? [outcome, undefined] : outcome;
    const route = routeOf(name);
    const [method, pathTemplate] = route.split(' ') as [string, string];
    const answerId = answerToSeed === undefined ? undefined : answerToSeed === 'none' ? randomUUID() : await seedAnswer(answerToSeed.team);
    const subject = person ?? region ?? account ?? answerId ?? (pathTemplate.startsWith('/escalations/') ? (await seed(state)).id : undefined);
    const path =
      route === 'GET /escalations' ? `/escalations?team=general-support` : pathTemplate.replace(/\{(id|region|invitationId)\}/, subject ?? '') + query;
    const response = await call(tokens[caller], method, path, body ?? (method === 'POST' ? {} : undefined));
    expect(response.status, `${answer}: ${response.text}`).toBe(status);
    if (status === 401) expect(response.json).toEqual({ message: 'Unauthorized' });
    if (code !== undefined) expect(response.json.error.code).toBe(code);
    if (code === 'not_holder') expect(response.json.error.holder).toBe(state.claimedBy);
    if (status === 200 && method === 'POST' && account === undefined)
      expect(response.json.entry).toMatchObject({ actor: expect.any(String), at: expect.any(String) });
    if (status === 200 && method === 'PUT' && person !== undefined)
      expect(response.json.person).toMatchObject({ id: person, awayPeriods: (body as typeof awayBody).periods });
    if (status === 200 && route === 'PUT /calendars/{region}/holidays') expect(response.json.calendar).toMatchObject({ region, added: holidayBody.added });
    if (status === 200 && route === 'PUT /calendars/{region}/hours')
      expect(response.json.calendar).toMatchObject({ region, weekChanged: true, ...(body as object) });
    if (status === 200 && route === 'GET /people') expect(response.json.people.length).toBeGreaterThan(0);
    if (status === 200 && route === 'POST /escalations/{id}/resolve') {
      // Kept as long as its complaint: 1,095 days (the default) from its resolution, then TTL.
      const { Item } = await client.send(
        new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk: `ESCALATION#${subject}`, sk: 'ESCALATION' }) }),
      );
      const stored = unmarshall(Item!);
      expect(stored['expiresAt']).toBe(Math.floor(Date.parse(String(stored['resolvedAt'])) / 1000) + 1095 * 86_400);
    }
    if (answerId !== undefined) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk: `INVITATION#${answerId}`, sk: 'RESPONSE' }) }),
      );
      // Marked only when the caller may; a refused or unknown answer is left as it was (or not made).
      expect(Item === undefined ? undefined : unmarshall(Item)['aboutProductNotAgent']).toBe(status === 200 ? true : undefined);
      if (status === 200) expect(response.json.response).toMatchObject({ invitationId: answerId, aboutProductNotAgent: true, markedBy: expect.any(String) });
    }
  });
});

describe('away dates', () => {
  it('keeps the periods a lead sets for their supervisor, shows them to both, and writes who set them in the directory audit', async () => {
    const periods = [
      { from: '2098-03-02T00:00:00+09:00', until: '2098-03-07T00:00:00+09:00' },
      { from: '2098-01-05T00:00:00Z', until: '2098-01-06T00:00:00Z' },
    ];
    const set = await call(demo['lead-general-chloe'], 'PUT', '/people/sup-general-ben/away', { periods });
    expect(set.status, set.text).toBe(200);
    // Earliest first, as stored.
    expect(set.json.person).toEqual({
      id: 'sup-general-ben',
      name: 'Ben Okafor',
      team: 'general-support',
      place: 'supervisor',
      away: false,
      awayPeriods: [periods[1], periods[0]],
      awayNow: false,
    });
    const asLead = (await call(demo['lead-general-chloe'], 'GET', '/people')).json.people;
    expect(asLead.map(({ id }: { id: string }) => id)).toEqual(['lead-general-chloe', 'sup-general-ana', 'sup-general-ben']);
    expect(asLead[2].awayPeriods).toEqual([periods[1], periods[0]]);
    expect((await call(demo['sup-general-ana'], 'GET', '/people')).json.people.map(({ id }: { id: string }) => id)).toEqual(['sup-general-ana']);

    expect(await directoryChanges()).toContainEqual(
      expect.objectContaining({ by: 'lead-general-chloe', what: expect.stringContaining('away periods of sup-general-ben: 2098-03-02T00:00:00+09:00/') }),
    );
  });
});

describe('holiday calendars', () => {
  it("applies an admin's added and removed days to a region's calendar, extends its coverage, and audits who did it", async () => {
    const before = (await call(demo['admin-grace'], 'GET', '/calendars')).json.calendars;
    expect(before.map(({ region }: { region: string }) => region)).toEqual(['jp', 'uk', 'us']);
    const us = before.find(({ region }: { region: string }) => region === 'us');
    expect(us).toMatchObject({ timeZone: 'America/New_York', holidaysThrough: '2027-12-31' });
    // A library calendar reaches two years past this pipeline's synthesis.
    expect(before.find(({ region }: { region: string }) => region === 'jp').holidaysThrough).toBe(`${new Date().getUTCFullYear() + 2}-12-31`);

    const change = { added: ['2098-12-24', '2098-12-24', '2098-01-02'], removed: ['2027-12-24'], holidaysThrough: '2098-12-31' };
    const set = await call(demo['admin-grace'], 'PUT', '/calendars/us/holidays', change);
    expect(set.status, set.text).toBe(200);
    expect(set.json.calendar).toMatchObject({
      region: 'us',
      added: ['2098-01-02', '2098-12-24'],
      removed: ['2027-12-24'],
      holidaysThrough: '2098-12-31',
      endingSoon: false,
    });
    expect(set.json.calendar.upcoming).toEqual(expect.arrayContaining(['2098-01-02', '2098-12-24']));
    expect(set.json.calendar.upcoming).not.toContain('2027-12-24');

    expect(await directoryChanges()).toContainEqual(
      expect.objectContaining({ by: 'admin-grace', what: 'holidays of us: added 2098-12-24 2098-12-24 2098-01-02; removed 2027-12-24; through 2098-12-31' }),
    );
    // Back as deployed, for the tests that share this pipeline.
    expect((await call(demo['admin-grace'], 'PUT', '/calendars/us/holidays', { added: [], removed: [] })).json.calendar.holidaysThrough).toBe('2027-12-31');
  });
});

describe('people by name', () => {
  it('names the people an answer names by user name, and offers a lead the team to reassign to, a supervisor nothing', async () => {
    const { id } = await seed(heldBy('sup-general-ana'));
    await call(demo['sup-general-ana'], 'POST', `/escalations/${id}/notes`, { text: 'Called back.' });

    const moved = await call(demo['lead-general-chloe'], 'POST', `/escalations/${id}/reassign`, reassignBody('sup-general-ben'));
    expect(moved.status, moved.text).toBe(200);
    await call(demo['lead-general-chloe'], 'POST', `/escalations/${id}/reassign`, reassignBody('sup-general-ana'));
    const asLead = (await call(demo['lead-general-chloe'], 'GET', `/escalations/${id}`)).json;
    expect(asLead.names).toMatchObject({ 'sup-general-ana': 'Ana Lima' });
    expect(asLead.reassignTo).toEqual(['sup-general-ana', 'sup-general-ben', 'lead-general-chloe']);
    expect(asLead.names).toMatchObject({ 'sup-general-ben': 'Ben Okafor', 'lead-general-chloe': 'Chloé Martin' });
    // And the other teams it may move to, each with its members, named too.
    expect(asLead.moveTo.map(({ team }: { team: string }) => team).sort()).toEqual(['cloud-platform', 'japan-support']);
    expect(asLead.moveTo.find(({ team }: { team: string }) => team === 'cloud-platform').members).toEqual(
      expect.arrayContaining(['sup-cloud-dev', 'lead-cloud-femi']),
    );
    expect(asLead.names).toMatchObject({ 'sup-cloud-dev': 'Dev Patel', 'lead-japan-kenji': 'Kenji Watanabe' });
    const asSupervisor = (await call(demo['sup-general-ana'], 'GET', `/escalations/${id}`)).json;
    expect(asSupervisor.reassignTo).toBeUndefined();
    expect(asSupervisor.moveTo).toBeUndefined();
    // Ben is named only in the history's reassign details for her: his name comes all the same.
    expect(asSupervisor.names).toMatchObject({ 'sup-general-ana': 'Ana Lima', 'sup-general-ben': 'Ben Okafor', 'lead-general-chloe': 'Chloé Martin' });
    expect(asSupervisor.nextActions).not.toContain('reassign');

    const page = (await call(demo['lead-general-chloe'], 'GET', '/escalations?team=general-support&limit=100')).json;
    const assignees = new Set<string>(page.escalations.map((escalation: { assignee: string }) => escalation.assignee));
    expect(
      Object.keys(page.names).every((userId) => assignees.has(userId) || page.escalations.some((e: { claimedBy?: string }) => e.claimedBy === userId)),
    ).toBe(true);
    expect(page.names['sup-general-ana']).toBe('Ana Lima');
  });
});

describe('reassigning and resolving, as recorded', () => {
  it("moves an escalation a lead hands to another team out of the old team's listing into the new one's, and its history names both teams", async () => {
    const { id } = await seed(heldBy('sup-general-ana'));
    const moved = await call(demo['lead-general-chloe'], 'POST', `/escalations/${id}/reassign`, reassignBody('sup-cloud-dev', 'cloud-platform'));
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.escalation).toMatchObject({ team: 'cloud-platform', assignee: 'sup-cloud-dev', status: 'open' });
    const listed = async (userId: string, team: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(demo[userId], 'GET', `/escalations?team=${team}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        ids.push(...page.json.escalations.map((escalation: { id: string }) => escalation.id));
        cursor = page.json.cursor;
      } while (cursor);
      return ids;
    };
    expect(await listed('sup-cloud-dev', 'cloud-platform')).toContain(id);
    expect(await listed('admin-grace', 'general-support')).not.toContain(id);
    expect((await call(demo['lead-general-chloe'], 'GET', `/escalations/${id}`)).status).toBe(403);
    const history = (await call(demo['sup-cloud-dev'], 'GET', `/escalations/${id}`)).json.history;
    expect(history.at(-1)).toMatchObject({
      actor: 'lead-general-chloe',
      action: 'reassign',
      detail: { from: 'sup-general-ana', to: 'sup-cloud-dev', fromTeam: 'general-support', toTeam: 'cloud-platform' },
    });
  });

  it('names the holder a lead resolved an escalation over', async () => {
    const { id } = await seed(heldBy('sup-general-ben'));
    const resolved = await call(demo['lead-general-chloe'], 'POST', `/escalations/${id}/resolve`, { resolution: 'Ben is away; refunded.' });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.json.entry).toMatchObject({
      actor: 'lead-general-chloe',
      action: 'resolve',
      detail: { resolution: 'Ben is away; refunded.', resolvedOver: 'sup-general-ben' },
    });
  });
});

describe('claiming', () => {
  it.each([1, 2, 3, 4, 5])('gives exactly one of two simultaneous claims the escalation and names the holder to the other (round %i)', async () => {
    const { id } = await seed();
    const claimants = ['sup-general-ana', 'sup-general-ben'];
    const answers = await Promise.all(claimants.map((userId) => call(demo[userId], 'POST', `/escalations/${id}/claim`, {})));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.status === 200)!.json.escalation.assignee;
    const loser = answers.find((answer) => answer.status === 409)!.json;
    expect(claimants).toContain(winner);
    expect(loser.error).toMatchObject({ code: 'already_claimed', holder: winner });
    const history = (await call(demo['admin-grace'], 'GET', `/escalations/${id}`)).json.history;
    expect(history.filter((entry: { action: string }) => entry.action === 'claim')).toEqual([expect.objectContaining({ actor: winner })]);
  });
});

describe('the audit trail', () => {
  it('appends who did what and when for each action, and never changes an earlier entry', async () => {
    const { id } = await seed();
    const ana = demo['sup-general-ana'];
    const histories: unknown[][] = [(await call(ana, 'GET', `/escalations/${id}`)).json.history];
    for (const [action, body] of [
      ['claim', {}],
      ['notes', { text: 'Customer called twice; calling back at 3pm.' }],
      ['ack', {}],
      ['resolve', { resolution: 'Replaced the advice and credited the month.' }],
    ] as const) {
      const before = Date.now();
      const response = await call(ana, 'POST', `/escalations/${id}/${action}`, body);
      expect(response.status, response.text).toBe(200);
      expect(Date.parse(response.json.entry.at)).toBeGreaterThanOrEqual(before - 1000);
      histories.push((await call(ana, 'GET', `/escalations/${id}`)).json.history);
    }
    const last = histories.at(-1)!;
    expect(last.map((entry: any) => [entry.action, entry.actor])).toEqual([
      ['open', 'escalation-rules'],
      ['claim', 'sup-general-ana'],
      ['note', 'sup-general-ana'],
      ['ack', 'sup-general-ana'],
      ['resolve', 'sup-general-ana'],
    ]);
    expect(last[2]).toMatchObject({ detail: { text: 'Customer called twice; calling back at 3pm.' } });
    // Each history is the previous one plus one entry, byte for byte.
    for (const [index, history] of histories.entries()) expect(last.slice(0, index + 1)).toEqual(history);
    const resolved = (await call(ana, 'GET', `/escalations/${id}`)).json.escalation;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Replaced the advice and credited the month.' });
  });

  it.each([
    ['PUT', '/escalations/{id}/history'],
    ['DELETE', '/escalations/{id}'],
    ['POST', '/escalations/{id}/history'],
    ['PATCH', '/escalations/{id}'],
  ])('has no route that edits it: %s %s is not found', async (method, path) => {
    const { id } = await seed();
    const before = (await call(demo['admin-grace'], 'GET', `/escalations/${id}`)).json.history;
    const response = await call(demo['admin-grace'], method, path.replace('{id}', id), method === 'DELETE' ? undefined : { at: 'x' });
    expect(response.status).toBe(404);
    expect((await call(demo['admin-grace'], 'GET', `/escalations/${id}`)).json.history).toEqual(before);
  });

  it('refuses a second write of an existing audit entry at the table (conditional put)', async () => {
    const escalation = anEscalation();
    expect(await store.create(escalation, aReference())).toBe('created');
    expect(await store.create(escalation, aReference())).toBe('exists');
  });
});

describe('listing', () => {
  const team = `listing-${Date.now().toString(36)}`;
  const admin = () => demo['admin-grace'];
  const start = Date.parse('2026-03-02T09:00:00.000Z');
  const seeded: { id: string; createdAt: string; ackDueAt: string; status: string; severity: string }[] = [];

  beforeAll(async () => {
    // Seven escalations: created an hour apart, due in the opposite order, two of them claimed.
    for (let index = 0; index < 7; index++) {
      const createdAt = new Date(start + index * 3_600_000).toISOString();
      const ackDueAt = new Date(start + (20 - index * 2) * 3_600_000).toISOString();
      const claimed = index % 3 === 1;
      const escalation = await seed({
        team,
        createdAt,
        ackDueAt,
        severity: index < 2 ? 'critical' : 'medium',
        ...(claimed ? { status: 'claimed', claimedBy: 'sup-x', assignee: 'sup-x' } : {}),
      });
      seeded.push({ id: escalation.id, createdAt, ackDueAt, status: escalation.status, severity: escalation.severity });
    }
  });

  const listAll = async (query: string, token = admin()) => {
    const pages: { id: string }[][] = [];
    let cursor: string | undefined;
    do {
      const response = await call(token, 'GET', `/escalations?team=${team}&limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status, response.text).toBe(200);
      pages.push(response.json.escalations);
      cursor = response.json.cursor;
    } while (cursor);
    return pages;
  };

  it('pages through every unresolved escalation of a team, newest first, across statuses, each once', async () => {
    const pages = await listAll('');
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const newestFirst = [...seeded].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((escalation) => escalation.id);
    expect(pages.flat().map((escalation) => escalation.id)).toEqual(newestFirst);
    expect(pages[0]![0]).toEqual({
      id: newestFirst[0],
      reference: expect.stringMatching(/^CMP-/),
      source: 'complaint',
      severity: 'medium',
      team,
      assignee: expect.any(String),
      level: 1,
      status: expect.stringMatching(/^(open|claimed)$/),
      ackDueAt: expect.any(String),
      resolveDueAt: expect.any(String),
    });
  });

  it('sorts the most overdue first', async () => {
    const pages = await listAll('&sort=overdue');
    const earliestDueFirst = [...seeded].sort((a, b) => a.ackDueAt.localeCompare(b.ackDueAt)).map((escalation) => escalation.id);
    expect(pages.flat().map((escalation) => escalation.id)).toEqual(earliestDueFirst);
  });

  it.each([
    ['status', '&status=claimed', (escalation: (typeof seeded)[number]) => escalation.status === 'claimed'],
    ['severity', '&severity=critical', (escalation: (typeof seeded)[number]) => escalation.severity === 'critical'],
    ['assignee', '&assignee=sup-x', (escalation: (typeof seeded)[number]) => escalation.status === 'claimed'],
  ])('filters by %s', async (_filter, query, keep) => {
    const ids = (await listAll(query)).flat().map((escalation) => escalation.id);
    expect(ids.sort()).toEqual(
      seeded
        .filter(keep)
        .map((escalation) => escalation.id)
        .sort(),
    );
  });

  it('answers 400 invalid_cursor to a tampered cursor, and to a cursor carried over to other filters', async () => {
    const first = await call(admin(), 'GET', `/escalations?team=${team}&limit=3`);
    const cursor: string = first.json.cursor;
    const [payload, signature] = cursor.split('.') as [string, string];
    const edited = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace(team, 'general-support')).toString('base64url');
    for (const forged of [`${edited}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, 'not-a-cursor', `${payload}`]) {
      const response = await call(admin(), 'GET', `/escalations?team=${team}&limit=3&cursor=${encodeURIComponent(forged)}`);
      expect(response.status, forged).toBe(400);
      expect(response.json.error.code).toBe('invalid_cursor');
    }
    const otherFilters = await call(admin(), 'GET', `/escalations?team=${team}&limit=3&sort=overdue&cursor=${encodeURIComponent(cursor)}`);
    expect(otherFilters.status).toBe(400);
  });

  it('answers 400 to unknown or malformed query parameters', async () => {
    for (const query of ['status=lost', 'limit=0', 'limit=101', 'sort=oldest', 'colour=red']) {
      const response = await call(admin(), 'GET', `/escalations?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.json.error.code).toBe('validation_failed');
    }
  });

  it("shows a supervisor only their team's escalations", async () => {
    const { id } = await seed({ team: 'cloud-platform', assignee: 'sup-cloud-dev' });
    const ids = async (userId: string) => {
      const escalations: { id: string }[] = [];
      let cursor: string | undefined;
      do {
        const response = await call(demo[userId], 'GET', `/escalations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        escalations.push(...response.json.escalations);
        cursor = response.json.cursor;
      } while (cursor);
      return escalations.map((escalation) => escalation.id);
    };
    expect(await ids('sup-cloud-dev')).toContain(id);
    expect(await ids('sup-general-ana')).not.toContain(id);
  });
});

describe('the unacknowledged index (gsi3, for the SLA watcher)', () => {
  it('holds open and claimed escalations by acknowledgement due time, and lets go of them once acknowledged or resolved', async () => {
    // A day of its own in the future: the pipeline's own SLA watcher (every minute) would move
    // escalations already due. Warned already, so each sorts by its acknowledgement due time.
    const day = '2099-01-01';
    const dueAt = (hour: number) => `${day}T0${hour}:00:00.000Z`;
    const createdAt = `${day}T00:00:00.000Z`;
    const open = await seed({ createdAt, ackDueAt: dueAt(3), warned: true });
    const claimed = await seed({ createdAt, ackDueAt: dueAt(2), warned: true, status: 'claimed', claimedBy: 'sup-general-ana', assignee: 'sup-general-ana' });
    const acknowledged = await seed({ createdAt, ackDueAt: dueAt(1), warned: true });
    const later = await seed({ createdAt, ackDueAt: dueAt(9), warned: true });
    const ana = { id: 'sup-general-ana', role: 'supervisor', teams: ['general-support'] } as const;
    await store.applyAction(acknowledged.id, { type: 'ack' }, ana, new Date());

    const dueIds = async (dueBy: string) => {
      const ids: string[] = [];
      let after: Readonly<Record<string, string>> | undefined;
      do {
        const page = await new DynamoDbSlaWatchStore(client, pipeline.tableName).findUnacknowledgedDue(new Date(dueBy), 1, after);
        ids.push(...page.escalations.filter((escalation) => escalation.ackDueAt.startsWith(day)).map((escalation) => escalation.id));
        after = page.next;
      } while (after);
      return ids;
    };
    expect(await dueIds(dueAt(5))).toEqual([claimed.id, open.id]);
    expect(await dueIds(`${day}T23:59:59.999Z`)).toEqual([claimed.id, open.id, later.id]);
    await store.applyAction(open.id, { type: 'claim' }, ana, new Date());
    await store.applyAction(open.id, { type: 'resolve', resolution: 'Done.' }, ana, new Date());
    expect(await dueIds(dueAt(5))).toEqual([claimed.id]);
  });
});

describe('DynamoDB requests per escalation operation', () => {
  it('takes 1 to create, 1 to read with history, 2 per action, and 1 Query per partition of a listing page', async () => {
    const { client: counted, sent, commands } = recordingDynamoDbClient(pipeline.dynamodbEndpoint);
    const countedStore = new DynamoDbEscalationStore(counted, pipeline.tableName);
    const countOf = async (act: () => Promise<unknown>) => {
      sent.length = 0;
      await act();
      return commands();
    };
    const escalation = anEscalation();
    const ana = { id: 'sup-general-ana', role: 'supervisor', teams: ['general-support'] } as const;
    expect(await countOf(() => countedStore.create(escalation, aReference()))).toEqual(['TransactWriteItemsCommand']);
    expect(await countOf(() => countedStore.get(escalation.id))).toEqual(['QueryCommand']);
    for (const action of [{ type: 'claim' }, { type: 'ack' }, { type: 'note', text: 'x' }, { type: 'resolve', resolution: 'y' }] as const) {
      expect(await countOf(() => countedStore.applyAction(escalation.id, action, ana, new Date()))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    }
    const page = () =>
      countedStore.list({ teams: ['general-support', 'cloud-platform'], statuses: ['open', 'claimed', 'acknowledged'], sort: 'newest', limit: 25 });
    expect(await countOf(page)).toEqual(Array(6).fill('QueryCommand'));
  });
});

describe('accounts', () => {
  it('creates a supervisor for an admin: an account in her group and team, a temporary password by email, a place in the directory, audited', async () => {
    const cognito = new CognitoIdentityProviderClient(localClientConfig(pipeline.userPool.endpoint));
    // Away from the start, so no escalation of the tests sharing this pipeline goes to her.
    const body = { user: 'sup-cloud-noor', name: 'Noor Haddad', email: 'noor.haddad@example.com', role: 'supervisor', team: 'cloud-platform', away: true };
    const created = await call(demo['admin-grace'], 'POST', '/accounts', body);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toEqual({ user: 'sup-cloud-noor', outcome: 'created' });

    const account = await cognito.send(new AdminGetUserCommand({ UserPoolId: pipeline.userPool.poolId, Username: 'sup-cloud-noor' }));
    expect(account.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(account.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'custom:team', Value: 'cloud-platform' }]));
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pipeline.userPool.poolId, Username: 'sup-cloud-noor' }));
    expect(groups.Groups?.map((group) => group.GroupName)).toEqual(['supervisor']);
    expect((await emailTo('noor.haddad@example.com', /temporary password/i)).body.text).toMatch(/temporary password is \S+\.$/);

    const people = await call(demo['admin-grace'], 'GET', '/people');
    expect(people.json.people).toContainEqual(expect.objectContaining({ id: 'sup-cloud-noor', name: 'Noor Haddad', team: 'cloud-platform', away: true }));
    expect(await directoryChanges()).toContainEqual(
      expect.objectContaining({ by: 'admin-grace', what: 'sup-cloud-noor added to cloud-platform as supervisor, away' }),
    );

    const again = await call(demo['admin-grace'], 'POST', '/accounts', body);
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('already_listed');
  });
});
