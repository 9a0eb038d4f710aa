import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPipelineApp } from '../../infra/pipeline-app.ts';
import { temporaryOutdir } from './helpers/temporary-outdir.ts';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

interface Finding {
  plugin: string;
  rule: string;
  severity: string;
  path: string;
}

// A bare queue both packs reject (no DLQ, no TLS policy): it proves the packs run and that a
// finding does reach this test, so an empty list below means "all acknowledged", not "not checked".
const canaryPath = 'SupportFeedbackPipeline/NagCanary';

let synthError: unknown;
let findings: Finding[];

beforeAll(() => {
  // Prepare: synthesize the real app once, cdk-nag plugins included.
  const outdir = temporaryOutdir();
  const { app, stack } = createPipelineApp({ outdir });
  new CfnQueue(stack, 'NagCanary');
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  // CDK writes every unacknowledged finding of every plugin, errors and warnings, here.
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  findings = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => ({
        plugin: plugin.pluginName,
        rule: violation.ruleName,
        severity: violation.severity,
        path: construct.constructPath,
      })),
    ),
  );
});

describe('cdk-nag AwsSolutions and Serverless packs', () => {
  it('report no unacknowledged finding, error or warning, on the pipeline', () => {
    const pipelineFindings = findings.filter((f) => !f.path.startsWith(canaryPath));
    expect(pipelineFindings.map((f) => `${f.severity} ${f.rule} at ${f.path}`)).toEqual([]);
  });

  it('both run: the unacknowledged canary queue is reported by each pack', () => {
    const canaryFindings = findings.filter((f) => f.path.startsWith(canaryPath));
    expect(new Set(canaryFindings.map((f) => f.plugin))).toEqual(new Set(['AwsSolutions', 'Serverless']));
    expect(canaryFindings.map((f) => f.rule)).toContain('Serverless-SQSRedrivePolicy');
  });

  it('stop in-process synthesis on an error-level finding', () => {
    expect(String(synthError)).toMatch(/ValidationFailed/);
  });
});
