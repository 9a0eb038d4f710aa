import { describe, expect, it } from 'vitest';
import { surveyPolicySettingsSchema } from '../../../functions/surveys/contracts/survey-policy-settings.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, functionByService, functionContract, logicalIdOf } = synthesizedPipeline();

const routeTo = (routeKey: string) => {
  const found = resourcesOfType('AWS::ApiGatewayV2::Route').find(([, route]) => route.Properties.RouteKey === routeKey);
  if (!found) throw new Error(`no route ${routeKey}`);
  return found[1];
};

describe('SurveyIntake', () => {
  it.each([
    ['POST /cases/resolved', 'record-case-resolution'],
    ['POST /cases/reopened', 'reopen-case'],
    ['GET /cases/{caseId}/survey-decisions', 'list-survey-decisions'],
  ])('puts %s behind the integration authorizer, to %s', (routeKey, name) => {
    const route = routeTo(routeKey);
    const [authorizerId] = resourcesOfType('AWS::ApiGatewayV2::Authorizer').find(([, authorizer]) => authorizer.Properties.Name === 'integration-key')!;
    expect(route.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    const integration = resources[route.Properties.Target['Fn::Join'][1][1].Ref]!;
    expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(logicalIdOf(functionByService(name)));
  });

  it('hands record-case-resolution the validated policy as SURVEY_POLICY, with its table', () => {
    expect(functionContract('record-case-resolution').variables).toEqual([
      'NODE_OPTIONS',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'SURVEY_POLICY',
      'TABLE_NAME',
    ]);
    const policy = JSON.parse(functionByService('record-case-resolution').Properties.Environment.Variables.SURVEY_POLICY);
    expect(surveyPolicySettingsSchema.parse(policy)).toEqual(policy);
  });

  it('lets the case functions read, query and conditionally write the table and gsi1, and nothing more', () => {
    type Statement = { Action: string | string[]; Resource: unknown };
    const role = resources[logicalIdOf(functionByService('record-case-resolution'))]!.Properties.Role['Fn::GetAtt'][0];
    const statements = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => JSON.stringify(statement.Resource).includes('StoreTable'));
    expect(new Set(statements.flatMap((s) => s.Action))).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']),
    );
    expect(JSON.stringify(statements)).toContain('/index/gsi1');
  });
});
