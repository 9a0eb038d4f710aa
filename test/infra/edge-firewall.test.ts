import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template as CdkTemplate } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cdkJsonContext } from '../../infra/cdk-json-context.ts';
import { publicPathPrefixes } from '../../infra/edge-firewall-stack.ts';
import type { FeedbackPipelineStack } from '../../infra/feedback-pipeline-stack.ts';
import { addPipelineStage } from '../../infra/pipeline-app.ts';
import { readStageSettings } from '../../infra/stage-settings.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Template = { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };

// One stage with the firewall on, synthesized with the cdk-nag packs but without bundling.
const outdir = mkdtempSync(join(tmpdir(), 'edge-firewall-'));
let stack: FeedbackPipelineStack;
let pipeline: Template;
let edge: Template;
let synthError: unknown;
let edgeStackRegion: string;
beforeAll(() => {
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], edgeFirewall: { requestsPerFiveMinutesPerIp: 200 } } });
  stack = addPipelineStage(app, 'staging');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  pipeline = JSON.parse(readFileSync(join(outdir, 'staging-SupportFeedbackPipeline.template.json'), 'utf8'));
  edge = JSON.parse(readFileSync(join(outdir, 'staging-SupportFeedbackPipeline-EdgeFirewall.template.json'), 'utf8'));
  edgeStackRegion = stack.dependencies[0]!.region;
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ofType = (template: Template, type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const routesOf = (template: Template) =>
  new Map(ofType(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties['RouteKey'] as string, route.Properties]));
const authorizerNamed = (template: Template, name: string) => ofType(template, 'AWS::ApiGatewayV2::Authorizer').find(([, a]) => a.Properties['Name'] === name);

describe('the edgeFirewall setting', () => {
  it('synthesizes with cdk-nag quiet, the firewall stack first', () => {
    expect(synthError).toBeUndefined();
    expect(stack.dependencies.map((dependency) => dependency.stackName)).toEqual(['staging-SupportFeedbackPipeline-EdgeFirewall']);
  });

  it('keeps a web ACL in us-east-1 that rate-limits each address on the public routes and runs AWS’s common and known-bad-inputs rules', () => {
    expect(edgeStackRegion).toBe('us-east-1');
    const [[, acl]] = ofType(edge, 'AWS::WAFv2::WebACL') as [[string, Resource]];
    expect(acl.Properties['Scope']).toBe('CLOUDFRONT');
    const [rate, common, badInputs] = acl.Properties['Rules'];
    expect(rate).toMatchObject({
      Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
      Statement: { RateBasedStatement: { Limit: 200, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
    });
    const watched = rate.Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements.map(
      (statement: { ByteMatchStatement: { SearchString: string; PositionalConstraint: string } }) =>
        `${statement.ByteMatchStatement.PositionalConstraint} ${statement.ByteMatchStatement.SearchString}`,
    );
    expect(watched.sort()).toEqual(['STARTS_WITH /complaints', 'STARTS_WITH /console', 'STARTS_WITH /feedback', 'STARTS_WITH /s/', 'STARTS_WITH /u/']);
    expect(common.Statement.ManagedRuleGroupStatement).toMatchObject({
      Name: 'AWSManagedRulesCommonRuleSet',
      // A complaint may be longer than 8 KB; the API's own limits answer a big body.
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
    expect(badInputs.Statement.ManagedRuleGroupStatement.Name).toBe('AWSManagedRulesKnownBadInputsRuleSet');
    const [[, parameter]] = ofType(edge, 'AWS::SSM::Parameter') as [[string, Resource]];
    expect(parameter.Properties['Name']).toBe(stack.edgeWebAclParameterName);
  });

  it('puts the API behind CloudFront with that web ACL, read from us-east-1 at deploy, and starts every link and the console there', () => {
    const [[distributionId, distribution]] = ofType(pipeline, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties['DistributionConfig'];
    expect(JSON.stringify(config.Origins[0].DomainName)).toContain('ApiEndpoint');
    expect(config.DefaultCacheBehavior.AllowedMethods).toContain('POST');
    const aclReader = pipeline.Resources[config.WebACLId['Fn::GetAtt'][0]]!;
    expect(JSON.parse(aclReader.Properties['Create'])).toMatchObject({
      service: 'SSM',
      action: 'getParameter',
      region: 'us-east-1',
      parameters: { Name: stack.edgeWebAclParameterName },
    });

    const edgeUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] };
    expect(pipeline.Outputs['EdgeUrl']!.Value).toEqual(edgeUrl);
    const mailers = ofType(pipeline, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties['Environment']?.Variables?.PUBLIC_BASE_URL !== undefined);
    expect(mailers.length).toBeGreaterThan(0);
    for (const [, fn] of mailers) expect(fn.Properties['Environment'].Variables.PUBLIC_BASE_URL).toEqual(edgeUrl);
    expect(JSON.stringify(pipeline.Outputs['ConsoleUrl']!.Value)).toContain(distributionId);
  });

  it('locks every public route behind the key only CloudFront sends, keeping the routes with an authorizer of their own as they were', () => {
    const [originAuthorizerId, originAuthorizer] = authorizerNamed(pipeline, 'origin-key')!;
    expect(originAuthorizer.Properties['IdentitySource']).toEqual(['$request.header.x-origin-key']);
    const withFirewall = routesOf(pipeline);
    const without = routesOf(inject('pipelineSynthesis').template as Template);
    const publicRoutes = [...without].filter(([key, route]) => route['AuthorizationType'] === 'NONE' && key !== '$default').map(([key]) => key);
    expect(publicRoutes).toContain('POST /complaints');
    for (const key of publicRoutes) expect(withFirewall.get(key)).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: originAuthorizerId } });
    for (const [key, route] of without) if (!publicRoutes.includes(key)) expect(withFirewall.get(key)?.['AuthorizationType']).toBe(route['AuthorizationType']);
    expect(publicPathPrefixes(stack.edgeFirewall!.publicRouteKeys)).toContain('/s/');
  });

  it('puts the origin key into CloudFront’s header by a dynamic reference, never into the template', () => {
    const [[, distribution]] = ofType(pipeline, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    const [header] = distribution.Properties['DistributionConfig'].Origins[0].OriginCustomHeaders;
    expect(header.HeaderName).toBe('x-origin-key');
    expect(JSON.stringify(header.HeaderValue)).toMatch(/Bearer \{\{resolve:secretsmanager:.*:SecretString:current::\}\}/);
    const [[keyId, key]] = ofType(pipeline, 'AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('EdgeFirewallOriginKey')) as [[string, Resource]];
    expect(key.Properties['GenerateSecretString']).toMatchObject({ GenerateStringKey: 'current', PasswordLength: 64 });
    const checker = ofType(pipeline, 'AWS::Lambda::Function').find(([id]) => id.startsWith('EdgeFirewallOriginCheck'))!;
    expect(checker[1].Properties['Environment'].Variables.INTEGRATION_KEY_SECRET_ARN).toEqual({ Ref: keyId });
  });

  it('takes its rate from the stack’s props over the stage’s settings, as every other prop', () => {
    const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], edgeFirewall: { requestsPerFiveMinutesPerIp: 200 } } });
    const overridden = addPipelineStage(app, 'staging', { edgeFirewall: { requestsPerFiveMinutesPerIp: 50 } });
    const [acl] = Object.values(CdkTemplate.fromStack(overridden.dependencies[0] as Stack).findResources('AWS::WAFv2::WebACL'));
    expect(acl!.Properties.Rules[0].Statement.RateBasedStatement.Limit).toBe(50);
  });

  it('is off by default: no distribution, no web ACL', () => {
    expect(ofType(inject('pipelineSynthesis').template as Template, 'AWS::CloudFront::Distribution')).toEqual([]);
  });

  it('refuses a custom domain beside it, naming both settings', () => {
    const context = (name: string) =>
      ({ edgeFirewall: {}, customDomain: { domainName: 'api.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123' } })[name];
    expect(() => readStageSettings('staging', context as (name: string) => unknown)).toThrow(/the settings customDomain and edgeFirewall cannot both be set/);
  });
});

describe('publicPathPrefixes', () => {
  it('keeps the part of each path before its first parameter, once, none a shorter one covers, and leaves out the catch-all', () => {
    expect(publicPathPrefixes(['POST /complaints', 'GET /complaints/status', 'GET /s/{token}', 'POST /s/{token}', '$default'])).toEqual(['/complaints', '/s/']);
  });
});
