import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh cloud assembly directory under the OS temp dir, so tests never touch ./cdk.out. */
export function temporaryOutdir(): string {
  return mkdtempSync(join(tmpdir(), 'support-feedback-pipeline-'));
}
