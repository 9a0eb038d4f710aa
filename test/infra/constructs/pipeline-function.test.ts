import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resourcesOfType } = synthesizedPipeline();

describe('PipelineFunction', () => {
  it('runs every function on nodejs24.x arm64 with active tracing and explicit memory and timeout', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    expect(functions).toHaveLength(26);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 256,
        Handler: 'index.handler',
      });
      expect(fn.Properties.Timeout).toBeGreaterThan(0);
      expect(fn.Properties.LoggingConfig.LogGroup.Ref).toBeDefined();
    }
  });

  it('maps every function’s stack frames to its sources, from a map without the sources’ text', () => {
    for (const [, fn] of resourcesOfType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('gives every function log group a retention period', () => {
    for (const [, group] of resourcesOfType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('attaches no AWS managed policy to any role', () => {
    for (const [, role] of resourcesOfType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
