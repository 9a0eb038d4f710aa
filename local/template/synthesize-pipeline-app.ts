import { fileURLToPath } from 'node:url';
import { sourceFingerprint } from './source-fingerprint.ts';
import { synthesizeTemplate, type SynthesizedTemplate } from './synthesize-template.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
// Everything the synthesized assembly depends on: the app, the function sources, the escalation
// rules and directory in config/, the packages.
const PIPELINE_APP_SOURCES = ['infra', 'functions', 'web', 'config', 'package-lock.json', 'tsconfig.json', 'cdk.json'];

/**
 * Synthesizes the project's own CDK app (infra/pipeline-app.ts) into `assemblyDir`, reusing the
 * assembly of an earlier run when infra/, functions/ and the lock file are unchanged. `npm start`,
 * `npm run invoke` and `npm run dev` share it, so each bundles only what changed.
 *
 * @example
 * const { template, assemblyDir } = await synthesizePipelineApp('.data/cdk.out', console.log);
 */
export async function synthesizePipelineApp(assemblyDir: string, progress?: (line: string) => void): Promise<SynthesizedTemplate> {
  const { createPipelineApp, PIPELINE_APP_ENVIRONMENT_VARIABLES } = await import('../../infra/pipeline-app.ts');
  // Settings the app reads from the environment shape the template as much as its sources do.
  const environment = JSON.stringify(PIPELINE_APP_ENVIRONMENT_VARIABLES.map((name) => [name, process.env[name] ?? null]));
  // So does the date: the app checks the holiday calendars against it (warning 60 days before one
  // ends, refusing one that has ended), so an assembly is reused on the day it was made only.
  const synthesisDay = new Date().toISOString().slice(0, 10);
  const fingerprint = `${await sourceFingerprint(projectRoot, PIPELINE_APP_SOURCES)}\n${environment}\n${synthesisDay}`;
  return synthesizeTemplate(createPipelineApp, assemblyDir, { sourceFingerprint: fingerprint, progress });
}
