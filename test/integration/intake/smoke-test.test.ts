import { describe, expect, inject, it } from 'vitest';
import { runWithoutBlocking } from '../../helpers/run-without-blocking.ts';

const pipeline = inject('pipeline');

// docs/deploy.md runs it against the deployed ApiUrl; here against the local pipeline's, the same HTTP.
describe('npm run smoke', () => {
  it('files a complaint, follows it to stored, loads the console and passes the integration authorizer', async () => {
    const result = await runWithoutBlocking(`npm run smoke -- ${pipeline.apiUrl} --integration-key ${pipeline.integrationKey}`);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ok {3}POST \/complaints is accepted \(202\)/);
    expect(result.stdout).toMatch(/ok {3}the status link reports it stored by the consumer/);
    expect(result.stdout).toMatch(/ok {3}GET \/console serves the supervisor console/);
    expect(result.stdout).toMatch(/ok {3}the integration authorizer admits the support system’s key/);
    expect(result.stdout).toMatch(/reference CMP-[0-9A-Z]{8}; its log lines carry correlation_id \S+/);
    expect(result.stdout).toMatch(/Smoke test passed in \d+ ms\./);
  });

  it('fails naming the step when the key is refused', async () => {
    const result = await runWithoutBlocking(`npm run smoke -- ${pipeline.apiUrl} --integration-key ${'x'.repeat(64)}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('FAIL the integration authorizer admits the support system’s key: GET /cases/{caseId}/survey-decisions answered 403');
  });
});
