import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from '../../infra/cdk-json-context.ts';
import { addPipelineStage, stackNameOf } from '../../infra/pipeline-app.ts';
import { parseStage, readStageSettings } from '../../infra/stage-settings.ts';

// Bundling 24 functions twice would only slow this down: the names are what is compared.
const appWithoutBundling = (context: Record<string, unknown> = {}) => new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resourcesOf = (template: Template) => template.toJSON().Resources as Resources;

// Names CloudFormation scopes to something the stack owns (an API's authorizers, a pool's groups, a
// stage of an API, a role's inline policies) clash across stacks harmlessly, and a metric's or a
// topic's display name is no resource's name; every other literal name is account-wide.
const scopedToAParent = new Set(['AWS::ApiGatewayV2::Authorizer', 'AWS::Cognito::UserPoolGroup', 'AWS::ApiGatewayV2::Stage', 'AWS::IAM::Policy']);
const notAResourceName = new Set(['MetricName', 'DisplayName']);
const accountWideNames = (template: Template): string[] =>
  Object.values(resourcesOf(template))
    .filter((resource) => !scopedToAParent.has(resource.Type))
    .flatMap((resource) =>
      Object.entries(resource.Properties ?? {}).flatMap(([key, value]) =>
        /Name$/.test(key) && !notAResourceName.has(key) && typeof value === 'string' ? [`${resource.Type}.${key}=${value}`] : [],
      ),
    );
const metricsNamespaces = (template: Template): Set<unknown> =>
  new Set(
    Object.values(resourcesOf(template))
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((fn) => (fn.Properties!['Environment'] as { Variables: Record<string, unknown> }).Variables['POWERTOOLS_METRICS_NAMESPACE']),
  );

const temporaryRoots: string[] = [];
afterAll(() => {
  for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});
/** A project root holding only `config/stages/<stage>.json` with `settings`. */
const rootWith = (stage: string, settings: unknown): URL => {
  const root = mkdtempSync(join(tmpdir(), 'stage-settings-'));
  temporaryRoots.push(root);
  mkdirSync(join(root, 'config', 'stages'), { recursive: true });
  writeFileSync(join(root, 'config', 'stages', `${stage}.json`), typeof settings === 'string' ? settings : JSON.stringify(settings));
  return pathToFileURL(`${root}/`);
};
const noContext = () => undefined;

describe('stages', () => {
  it('synthesizes two stages in one app without one account-wide name in common, each with its own metrics', () => {
    const app = appWithoutBundling();
    const stacks = [addPipelineStage(app, 'staging'), addPipelineStage(app, 'prod')];
    const [staging, prod] = stacks.map((stack) => Template.fromStack(stack)) as [Template, Template];
    expect(stacks.map((stack) => stack.stackName)).toEqual(['staging-SupportFeedbackPipeline', 'prod-SupportFeedbackPipeline']);

    const stagingNames = accountWideNames(staging);
    expect(stagingNames).toEqual(
      expect.arrayContaining([
        'AWS::Scheduler::Schedule.Name=staging-relationship-survey-campaign',
        'AWS::SES::ConfigurationSet.Name=staging-SupportFeedbackPipeline-surveys',
        'AWS::CloudWatch::Dashboard.DashboardName=staging-SupportFeedbackPipeline',
        'AWS::ApiGatewayV2::Api.Name=staging-SupportFeedbackPipeline',
      ]),
    );
    const prodNames = new Set(accountWideNames(prod).map((name) => name.split('=')[1]));
    expect(stagingNames.filter((name) => prodNames.has(name.split('=')[1]))).toEqual([]);
    expect([...metricsNamespaces(staging)]).toEqual(['staging-SupportFeedbackPipeline']);
    expect([...metricsNamespaces(prod)]).toEqual(['prod-SupportFeedbackPipeline']);
  });

  it('keeps the default stage’s names as they were before stages, so a deployed stack updates in place', () => {
    expect(parseStage(undefined)).toBe('default');
    expect(stackNameOf('default')).toBe('SupportFeedbackPipeline');
    const names = accountWideNames(Template.fromStack(addPipelineStage(appWithoutBundling(), 'default')));
    expect(names).toContain('AWS::Scheduler::Schedule.Name=relationship-survey-campaign');
  });

  it.each([['Prod'], ['1st'], ['a_b'], ['x'.repeat(21)], [7]])('refuses the stage name %j, naming the setting', (stage) => {
    expect(() => parseStage(stage)).toThrow(/The setting stage must be 1 to 20 lower-case letters/);
  });
});

describe('stage settings', () => {
  it('reads a stage’s settings file, with -c overriding it, and hands them to the stack', () => {
    const root = rootWith('prod', {
      senderAddress: 'surveys@support.example.com',
      retention: { complaintDaysAfterResolution: 1095 },
      supervisorMfa: 'required',
    });
    const context: Record<string, unknown> = {
      retention: '{"complaintDaysAfterResolution":400}',
      allowedOrigins: 'https://help.example.com,https://www.example.com',
    };
    expect(readStageSettings('prod', (name) => context[name], root)).toEqual({
      senderAddress: 'surveys@support.example.com',
      retention: { complaintDaysAfterResolution: 400 },
      supervisorMfa: 'required',
      allowedOrigins: ['https://help.example.com', 'https://www.example.com'],
    });
  });

  it('builds the stack from the settings given as context, with no code edit', () => {
    const app = appWithoutBundling({
      senderAddress: 'surveys@support.example.com',
      publicBaseUrl: 'https://support.example.com/feedback',
      allowedOrigins: 'https://help.example.com',
      retention: { complaintDaysAfterResolution: 1500 },
      supervisorMfa: 'required',
      alarmEmail: 'oncall@example.com',
    });
    const template = Template.fromStack(addPipelineStage(app, 'prod'));
    const json = JSON.stringify(template.toJSON());
    expect(json).toContain('identity/surveys@support.example.com');
    expect(json).toContain('"PUBLIC_BASE_URL":"https://support.example.com/feedback"');
    expect(json).toContain('"COMPLAINT_RETENTION_DAYS":"1500"');
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['https://help.example.com'] } });
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('puts the API on a custom domain with its certificate, and starts every link and the console there', () => {
    const customDomain = {
      domainName: 'support.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
      basePath: 'feedback',
    };
    // A stage with no settings file: prod's example sets a publicBaseUrl, which would win over the domain.
    const template = Template.fromStack(addPipelineStage(appWithoutBundling({ customDomain }), 'edge'));
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'support.example.com',
      DomainNameConfigurations: [{ CertificateArn: customDomain.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'feedback' });
    expect(JSON.stringify(template.toJSON())).toContain('"PUBLIC_BASE_URL":"https://support.example.com/feedback"');
    template.hasOutput('ConsoleUrl', { Value: 'https://support.example.com/feedback/console' });
    template.hasOutput('CustomDomainTarget', {});
    expect(() => readStageSettings('prod', noContext, rootWith('prod', { customDomain: { ...customDomain, certificateArn: 'my-cert' } }))).toThrow(
      /the setting customDomain\.certificateArn \(config\/stages\/prod\.json\) is a custom domain for the API.*: an ACM certificate ARN/,
    );
  });

  it.each([
    [
      'a sender that is no address',
      { senderAddress: 'surveys' },
      /the setting senderAddress \(config\/stages\/prod\.json\) is the From address of survey emails.*: an email address/,
    ],
    ['a plain-http base URL', { publicBaseUrl: 'http://support.example.com' }, /the setting publicBaseUrl \(config\/stages\/prod\.json\)/],
    ['a retention that is not an object', { retention: 30 }, /the setting retention \(config\/stages\/prod\.json\) is how long each item kind is kept/],
    ['the retention setting it replaced', { complaintRetentionDays: 1095 }, /unknown setting complaintRetentionDays in config\/stages\/prod\.json/],
    ['an origin with a path', { allowedOrigins: ['https://help.example.com/widget'] }, /the setting allowedOrigins\.0 .*an origin: scheme and host, no path/],
    ['an unknown MFA mode', { supervisorMfa: 'sms' }, /the setting supervisorMfa/],
    ['a sending rate below the sandbox', { sesMaxSendRate: 0.5 }, /the setting sesMaxSendRate .*at least 1: SES's lowest rate/],
    ['a misspelt setting', { senderAdress: 'surveys@example.com' }, /unknown setting senderAdress in config\/stages\/prod\.json \(known: senderAddress, /],
  ])('refuses %s in the settings file, naming the setting and the file', (_name, settings, message) => {
    expect(() => readStageSettings('prod', noContext, rootWith('prod', settings))).toThrow(message);
  });

  it('names -c as the source of a bad value given on the command line', () => {
    expect(() => readStageSettings('prod', (name) => (name === 'sesMaxSendRate' ? 'fast' : undefined), rootWith('prod', {}))).toThrow(
      /the setting sesMaxSendRate \(-c sesMaxSendRate=…\)/,
    );
  });

  it('refuses a settings file that is not JSON, naming the file', () => {
    expect(() => readStageSettings('prod', noContext, rootWith('prod', '{ senderAddress: '))).toThrow(/config\/stages\/prod\.json is not JSON/);
  });

  it('ships config/stages/prod.json, the example docs/deploy.md shows, as valid settings', () => {
    expect(readStageSettings('prod', noContext)).toMatchObject({ senderAddress: 'surveys@support.example.com', supervisorMfa: 'required', sesMaxSendRate: 50 });
  });

  it('needs no settings file: every setting keeps the stack’s default', () => {
    expect(readStageSettings('nowhere', noContext, rootWith('prod', {}))).toEqual({});
  });
});
