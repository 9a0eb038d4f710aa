import { describe, expect, it } from 'vitest';
import { supervisorRouteKeys } from '../../../functions/escalation/contracts/supervisor-api-paths.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const jwtAuthorizers = resourcesOfType('AWS::ApiGatewayV2::Authorizer').filter(([, authorizer]) => authorizer.Properties.AuthorizerType === 'JWT');
const supervisorRoutes = resourcesOfType('AWS::ApiGatewayV2::Route').filter(([, route]) =>
  / \/(escalations|people|responses|calendars)\b/.test(route.Properties.RouteKey),
);
const [userPoolId] = resourcesOfType('AWS::Cognito::UserPool').map(([id]) => id);
const [clientId] = resourcesOfType('AWS::Cognito::UserPoolClient').map(([id]) => id);

describe('SupervisorApi', () => {
  it('has one JWT authorizer whose issuer is the user pool and whose audience is the console client', () => {
    expect(jwtAuthorizers).toHaveLength(1);
    const [, authorizer] = jwtAuthorizers[0]!;
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    expect(authorizer.Properties.JwtConfiguration.Issuer).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: userPoolId }]],
    });
  });

  it('serves every supervisor route, and each one only behind that authorizer', () => {
    expect(supervisorRoutes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual([...supervisorRouteKeys].sort());
    for (const [, route] of supervisorRoutes) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtAuthorizers[0]![0] } });
    }
  });

  it('sends every supervisor route to the supervisor-api function', () => {
    const fnId = logicalIdOf(functionByService('supervisor-api'));
    for (const [, route] of supervisorRoutes) {
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
      expect(JSON.stringify(resources[integrationId]!.Properties.IntegrationUri)).toContain(fnId);
    }
  });

  it('gives the function the table, the signing key and the teams an admin lists', () => {
    const variables = functionByService('supervisor-api').Properties.Environment.Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'SIGNING_KEY_SECRET_ARN', 'ESCALATION_TEAMS']));
    expect(variables.ESCALATION_TEAMS).toBe('general-support,cloud-platform,japan-support');
  });

  it('lets the function read, query the listing indexes and put items, and update only complaints, outbox items and survey answers, never delete one (the audit trail stays as written)', () => {
    const roleId = functionByService('supervisor-api').Properties.Role['Fn::GetAtt'][0];
    const [, policy] = resourcesOfType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles[0].Ref === roleId)!;
    const statements = policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
    const dynamoActions = statements.flatMap((s) => [s.Action].flat().filter((action) => action.startsWith('dynamodb:')));
    expect(new Set(dynamoActions)).toEqual(new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
    // A resolve marks the complaint resolved; the notifier claims outbox items; a supervisor marks a
    // survey answer about the product (INVITATION#<id> / RESPONSE): UpdateItem on those keys only.
    const updates = statements.filter((s) => [s.Action].flat().includes('dynamodb:UpdateItem'));
    expect(updates.map((s) => JSON.stringify(s.Condition)).sort()).toEqual([
      JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINT#*'] } }),
      JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['INVITATION#*'] } }),
      JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['NOTIFICATION#*'] } }),
    ]);
    const indexResources = JSON.stringify(statements.filter((s) => [s.Action].flat().includes('dynamodb:Query')).map((s) => s.Resource));
    expect(indexResources).toContain('/index/gsi1');
    expect(indexResources).toContain('/index/gsi2');
    expect(indexResources).not.toContain('/index/*');
  });
});
