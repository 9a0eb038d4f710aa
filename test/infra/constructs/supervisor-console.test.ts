import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, logicalIdOf } = synthesizedPipeline();

const consoleRoutes = resourcesOfType('AWS::ApiGatewayV2::Route').filter(([, route]) => / \/console/.test(route.Properties.RouteKey));
const [clientId] = resourcesOfType('AWS::Cognito::UserPoolClient').map(([id]) => id);

describe('SupervisorConsole', () => {
  it('serves GET /console and its files from the console function, with no authorizer (the API behind it has one)', () => {
    expect(consoleRoutes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual(['GET /console', 'GET /console/{asset}']);
    const fnId = logicalIdOf(functionByService('console'));
    for (const [, route] of consoleRoutes) {
      expect(route.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
      expect(JSON.stringify(resources[integrationId]!.Properties.IntegrationUri)).toContain(fnId);
    }
  });

  it('tells the page where to sign in: the pool (its ProviderURL) and the console app client, which allows the password flow', () => {
    const variables = functionByService('console').Properties.Environment.Variables;
    expect(variables.SIGN_IN_CLIENT_ID).toEqual({ Ref: clientId });
    expect(variables.SIGN_IN_PROVIDER_URL).toEqual({ 'Fn::GetAtt': [resources[clientId!]!.Properties.UserPoolId.Ref, 'ProviderURL'] });
    expect(resources[clientId!]!.Properties.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']));
  });

  it('needs no table, queue or secret: the console function has no policy beyond its logs and tracing', () => {
    const role = functionByService('console').Properties.Role['Fn::GetAtt'][0];
    const policies = resourcesOfType('AWS::IAM::Policy').filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role));
    const actions = policies.flatMap(([, policy]) =>
      policy.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string | string[] }) => statement.Action),
    );
    expect(actions.every((action: string) => /^(logs|xray):/.test(action))).toBe(true);
  });
});
