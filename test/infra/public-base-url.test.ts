import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FeedbackPipelineStack, type FeedbackPipelineStackProps } from '../../infra/feedback-pipeline-stack.ts';
import { temporaryOutdir } from './helpers/temporary-outdir.ts';

type Resource = { Type: string; Properties: Record<string, any> };

// Bundling is skipped (empty bundling-stacks): these assertions are about configuration only.
const synthesize = (props: FeedbackPipelineStackProps = {}) => {
  const app = new App({ outdir: temporaryOutdir(), context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new FeedbackPipelineStack(app, 'SupportFeedbackPipeline', props);
  return Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
};

const submitComplaintEnvironment = (resources: Record<string, Resource>) => {
  const fn = Object.values(resources).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'submit-complaint',
  );
  if (fn === undefined) throw new Error('no submit-complaint function');
  return fn.Properties.Environment.Variables as Record<string, unknown>;
};

describe('public base URL of links', () => {
  it("defaults to the HTTP API's own endpoint, which the local runtime resolves to its gateway", () => {
    const resources = synthesize();
    const apiId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')![0];
    expect(submitComplaintEnvironment(resources).PUBLIC_BASE_URL).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
  });

  it('passes a custom domain with a base path as given', () => {
    const resources = synthesize({ publicBaseUrl: 'https://support.example.com/feedback' });
    expect(submitComplaintEnvironment(resources).PUBLIC_BASE_URL).toBe('https://support.example.com/feedback');
  });

  it.each([
    ['a fragment', 'https://evil.example/phish#'],
    ['a query', 'https://support.example.com/?ref=mail'],
    ['no scheme', 'support.example.com'],
  ])('refuses at synth a base URL with %s', (_name, publicBaseUrl) => {
    expect(() => synthesize({ publicBaseUrl })).toThrow(/public base URL/);
  });
});
