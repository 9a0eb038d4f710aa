import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPipeline } from '../../../local/start-local-pipeline.ts';
import { validComplaint } from '../../helpers/submissions.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'pipeline-restart-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('a restarted local pipeline', () => {
  // Its own data folder means its own synthesis (bundling every function, 35-40 s on a loaded
  // 2-core machine) before two starts: more than the project's 60 s.
  it('finds the complaints stored before the restart', { timeout: 180_000 }, async () => {
    const first = await startLocalPipeline({ dataDir, port: 0 });
    let accepted: { complaintId: string; statusUrl: string };
    try {
      const pipeline = connectTo(first);
      accepted = (await pipeline.postJson('/complaints', validComplaint({ description: 'before the restart' }))).json;
      await eventually(() => pipeline.getItem(`COMPLAINT#${accepted.complaintId}`, 'COMPLAINT'), 15_000, 'stored');
    } finally {
      await first.stop();
    }

    const second = await startLocalPipeline({ dataDir, port: 0 });
    try {
      const pipeline = connectTo(second);
      expect(await pipeline.getItem(`COMPLAINT#${accepted.complaintId}`, 'COMPLAINT')).toMatchObject({ description: 'before the restart' });
      // The status link from before the restart still verifies: the signing key persisted too.
      const statusUrl = accepted.statusUrl.replace(/^http:\/\/[^/]+/, second.apiUrl);
      const status = await fetch(statusUrl);
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ status: 'under_review' });
    } finally {
      await second.stop();
    }
  });
});
