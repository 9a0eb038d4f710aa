import { Stack } from 'aws-cdk-lib';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { cdkJsonContext } from '../../infra/cdk-json-context.ts';
import { createPipelineApp } from '../../infra/pipeline-app.ts';
import { withoutBundlingMessages } from '../../infra/without-bundling-messages.ts';
import { temporaryOutdir } from './helpers/temporary-outdir.ts';

/** One unacknowledged cdk-nag finding as CDK's validation report lists it. */
export interface NagFinding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

/** What the one synthesis of the real app gives every infra test file. */
export interface PipelineSynthesis {
  /** The stack's CloudFormation template, as `cdk synth` writes it. */
  readonly template: Record<string, unknown>;
  /** Every unacknowledged finding of every validation plugin, canary included. */
  readonly findings: readonly NagFinding[];
  /** What `app.synth()` threw, if anything. */
  readonly synthError: string | undefined;
  /** The value the app saw for each context key of `cdk.json` (the feature flags). */
  readonly flagsSeenByApp: Record<string, unknown>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pipelineSynthesis: PipelineSynthesis;
  }
}

/** Stack of the deliberately unacknowledged queue that proves the cdk-nag packs run. */
export const NAG_CANARY_STACK = 'NagCanary';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * Synthesizes the real app (cdk.json flags, cdk-nag packs, six bundled functions) once for the
 * whole infra project; each test file reads the result through `inject('pipelineSynthesis')`.
 * Bundling is most of a synthesis, so this is most of the project's time.
 */
export default function setup(project: TestProject): () => void {
  const outdir = temporaryOutdir();
  // The holiday calendars are checked against a fixed day, so the template tests do not start
  // failing when the shipped calendars near their end (test/infra/holiday-calendars.test.ts
  // covers the check itself).
  const { app, stack } = withoutBundlingMessages(() => createPipelineApp({ outdir, stack: { calendarCheckDate: new Date('2026-12-04T12:00:00Z') } }));
  // A bare queue both packs reject (no DLQ, no TLS policy), in a stack of its own so the
  // pipeline's template stays untouched. CDK writes every template before it runs the
  // validation plugins, so the pipeline's template is there even though synthesis then fails.
  new CfnQueue(new Stack(app, NAG_CANARY_STACK), 'Queue');
  let synthError: string | undefined;
  try {
    app.synth();
  } catch (error) {
    // Only the canary's validation failure is expected; anything else stops the infra tests here.
    if (!(error instanceof Error && /ValidationFailed/.test(String(error)))) throw error;
    synthError = String(error);
  }
  const template = JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8')) as Record<string, unknown>;
  // CDK writes every unacknowledged finding of every plugin, errors and warnings, here.
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  const findings = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => ({
        plugin: plugin.pluginName,
        rule: violation.ruleName,
        severity: violation.severity,
        path: construct.constructPath,
      })),
    ),
  );
  const flagsSeenByApp = Object.fromEntries(Object.keys(cdkJsonContext()).map((flag) => [flag, app.node.tryGetContext(flag)]));
  project.provide('pipelineSynthesis', { template, findings, synthError, flagsSeenByApp });
  return () => rmSync(outdir, { recursive: true, force: true });
}
