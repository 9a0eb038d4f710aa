import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../../functions/intake/contracts/complaint-submission.ts';
import { type ApiDocument, apiMarkdown } from '../../../docs/api-markdown.ts';
import { openApiDocument } from '../../../docs/openapi-document.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument(DEFAULT_COMPLAINT_CATEGORIES);

  it('is what docs/openapi.json holds (run `npm run api-doc` after changing a contract)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('is what docs/api.md shows as Markdown (run `npm run api-doc` after changing a contract)', async () => {
    const committed = await readFile(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    expect(committed).toBe(apiMarkdown(JSON.parse(JSON.stringify(document)) as ApiDocument));
  });

  it('shows every operation of the document in docs/api.md, with its fields and its error codes', () => {
    const markdown = apiMarkdown(JSON.parse(JSON.stringify(document)) as ApiDocument);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) expect(markdown).toContain(`### ${method.toUpperCase()} ${path}\n`);
    }
    expect(markdown).toContain('| `customer.tier` | `"premium"`, `"standard"` | yes |');
    expect(markdown).toContain('| 409 | already_claimed, naming the `holder`; invalid_transition');
  });

  it.each([
    ['/complaints', 'post', 'submitComplaint'],
    ['/complaints/status', 'get', 'getComplaintStatus'],
    ['/feedback', 'post', 'submitFeedback'],
    ['/s/{token}', 'get', 'getSurvey'],
    ['/s/{token}', 'post', 'answerSurvey'],
  ] as const)('names %s %s %s and declares that it takes no authentication', (path, method, operationId) => {
    const operation = (document.paths as Record<string, Record<string, { operationId: string; security: unknown[] }>>)[path]![method]!;
    expect(operation.operationId).toBe(operationId);
    expect(operation.security).toEqual([]);
  });

  it('lists the deployed API and the local default http://localhost:3000 as servers', () => {
    const urls = document.servers.map(({ url, variables }) => url.replace(/\{(\w+)\}/g, (_, name: string) => variables[name]?.default ?? `{${name}}`));
    expect(urls).toEqual(['https://abcde12345.execute-api.eu-west-1.amazonaws.com', 'http://localhost:3000']);
  });

  it('describes the complaint body from its schema: required fields, categories, no unknown fields', () => {
    const schema = document.paths['/complaints'].post.requestBody.content['application/json'].schema as Record<string, any>;
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'category', 'description']));
    expect(schema.properties.category.enum).toEqual([...DEFAULT_COMPLAINT_CATEGORIES]);
    expect(schema.additionalProperties).toBe(false);
  });
});
