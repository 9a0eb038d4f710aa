import { createConfig, lintFromString } from '@redocly/openapi-core';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const documentFile = new URL('../../../docs/openapi.json', import.meta.url);

// Redocly's recommended rules, less two that do not fit this project: the document lists the
// local server on purpose (`npm start` serves the same API), and the repository has not chosen
// a licence yet (add `info.license` to the document when it does).
const rules = { 'no-server-example.com': 'off', 'info-license': 'off' } as const;

describe('docs/openapi.json', () => {
  it('passes the Redocly recommended rules with no error or warning', async () => {
    const config = await createConfig({ extends: ['recommended'], rules });
    const problems = await lintFromString({ source: await readFile(documentFile, 'utf8'), absoluteRef: documentFile.pathname, config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  });
});
