import { describe, expect, it } from 'vitest';
import { accountRouteKeys } from '../../../functions/escalation/contracts/accounts-api-paths.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const accountRoutes = resourcesOfType('AWS::ApiGatewayV2::Route').filter(([, route]) => / \/accounts\b/.test(route.Properties.RouteKey));
const [jwtAuthorizerId] = resourcesOfType('AWS::ApiGatewayV2::Authorizer')
  .filter(([, authorizer]) => authorizer.Properties.AuthorizerType === 'JWT')
  .map(([id]) => id);
const [userPoolId] = resourcesOfType('AWS::Cognito::UserPool').map(([id]) => id);
const policyOf = (service: string) => {
  const roleId = functionByService(service).Properties.Role['Fn::GetAtt'][0];
  const [, policy] = resourcesOfType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles[0].Ref === roleId)!;
  return policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
};

describe('AccountsApi', () => {
  it('serves every accounts route behind the supervisors’ JWT authorizer, each to the accounts-api function', () => {
    expect(accountRoutes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual([...accountRouteKeys].sort());
    const fnId = logicalIdOf(functionByService('accounts-api'));
    for (const [, route] of accountRoutes) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtAuthorizerId } });
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
      expect(JSON.stringify(resources[integrationId]!.Properties.IntegrationUri)).toContain(fnId);
    }
  });

  it('gives the function the pool’s admin calls on that pool only, and the directory’s partition only of the table', () => {
    expect(functionByService('accounts-api').Properties.Environment.Variables).toMatchObject({
      USER_POOL_ID: { Ref: userPoolId },
      TABLE_NAME: expect.anything(),
    });
    const statements = policyOf('accounts-api');
    const cognito = statements.filter((s) => [s.Action].flat().some((action) => action.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(1);
    expect([cognito[0]!.Action].flat().sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminUpdateUserAttributes',
    ]);
    expect(cognito[0]!.Resource).toEqual({ 'Fn::GetAtt': [userPoolId, 'Arn'] });
    const dynamo = statements.filter((s) => [s.Action].flat().some((action) => action.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect([dynamo[0]!.Action].flat().sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(dynamo[0]!.Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['DIRECTORY'] } });
  });

  it('is the only function with any right on the user pool', () => {
    const cognitoRoles = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).some((s) =>
          [s.Action].flat().some((action) => action.startsWith('cognito-idp:')),
        ),
      )
      .flatMap(([, policy]) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref));
    expect(cognitoRoles).toEqual([functionByService('accounts-api').Properties.Role['Fn::GetAtt'][0]]);
  });
});
