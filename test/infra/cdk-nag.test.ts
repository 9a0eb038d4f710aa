import { describe, expect, inject, it } from 'vitest';
import { NAG_CANARY_STACK } from './global-setup.ts';

const { findings, synthError } = inject('pipelineSynthesis');
const isCanary = (path: string): boolean => path.startsWith(`${NAG_CANARY_STACK}/`);

describe('cdk-nag AwsSolutions and Serverless packs', () => {
  it('report no unacknowledged finding, error or warning, on the pipeline', () => {
    const pipelineFindings = findings.filter((f) => !isCanary(f.path));
    expect(pipelineFindings.map((f) => `${f.severity} ${f.rule} at ${f.path}`)).toEqual([]);
  });

  // The canary queue (no DLQ, no TLS policy) proves the packs run and that a finding reaches this
  // file, so an empty list above means "all acknowledged", not "not checked".
  it('both run: the unacknowledged canary queue is reported by each pack', () => {
    const canaryFindings = findings.filter((f) => isCanary(f.path));
    expect(new Set(canaryFindings.map((f) => f.plugin))).toEqual(new Set(['AwsSolutions', 'Serverless']));
    expect(canaryFindings.map((f) => f.rule)).toContain('Serverless-SQSRedrivePolicy');
  });

  it('stop in-process synthesis on an error-level finding', () => {
    expect(synthError).toMatch(/ValidationFailed/);
  });
});
