import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, App, AssetStaging, DockerImage, Stack } from 'aws-cdk-lib';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { synthesizeTemplate } from '../../../local/template/synthesize-template.ts';

// A stack with one warning and one locally bundled asset: CDK writes `Bundling asset …` for it.
const appWithWarning = ({ outdir }: { outdir: string }) => {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Fixture');
  new CfnQueue(stack, 'Queue');
  Annotations.of(stack).addWarningV2('fixture:calendar', 'The holiday calendar ends soon.');
  new AssetStaging(stack, 'Bundled', {
    sourcePath: import.meta.dirname,
    bundling: {
      image: DockerImage.fromRegistry('never-pulled'),
      local: {
        tryBundle: (outputDir: string) => {
          writeFileSync(join(outputDir, 'index.js'), '');
          return true;
        },
      },
    },
  });
  return { app };
};

let assemblyDir: string;
beforeEach(async () => {
  assemblyDir = await mkdtemp(join(tmpdir(), 'synthesize-template-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(assemblyDir, { recursive: true, force: true });
});

describe('synthesizeTemplate', () => {
  it('returns the synthesis warnings, again when it reuses the assembly', async () => {
    const first = await synthesizeTemplate(appWithWarning, assemblyDir, { sourceFingerprint: 'same sources' });
    const reused = await synthesizeTemplate(appWithWarning, assemblyDir, { sourceFingerprint: 'same sources' });
    expect([first.reused, reused.reused]).toEqual([false, true]);
    expect(first.warnings).toEqual(['The holiday calendar ends soon.']);
    expect(reused.warnings).toEqual(first.warnings);
  });

  it('keeps what CDK writes to stderr (a line per bundled asset, the validation report) off the terminal', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    await synthesizeTemplate(appWithWarning, assemblyDir);
    expect(written).toEqual([]);
  });

  it('writes out what CDK said, and throws, when the synthesis fails', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    const failing = () => ({
      app: {
        synth: () => {
          process.stderr.write('Bundling asset Fixture/Bundled/Stage...\n');
          throw new Error('ValidationFailed');
        },
      },
    });
    await expect(synthesizeTemplate(failing, assemblyDir)).rejects.toThrow('ValidationFailed');
    expect(written).toEqual(['Bundling asset Fixture/Bundled/Stage...\n']);
  });
});
