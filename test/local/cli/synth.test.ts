import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot, shellEnvironment } from './local-pipeline-process.ts';

describe('npm run synth', () => {
  it('synthesizes the app quietly: no line per bundled function, only what a person must read', () => {
    const result = spawnSync('bash', ['-c', 'npm run synth'], { cwd: projectRoot, env: shellEnvironment(), encoding: 'utf8', timeout: 240_000 });

    expect(result.status, result.stderr).toBe(0);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toMatch(/Bundling asset|index\.mjs\s+\d/);
    // npm's two-line banner and whatever CDK has to say (a calendar about to end adds its warning).
    expect(
      output
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('>'))
        .filter((line) => !/holiday calendar|Acknowledge with|aws-cdk-lib.Stack|pipeline-app\.ts/.test(line)),
    ).toEqual([]);
  }, 240_000);
});
