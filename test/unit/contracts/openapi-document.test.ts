import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../../../functions/shared/contracts/complaint-submission.ts';
import { openApiDocument } from '../../../functions/shared/contracts/openapi-document.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument(DEFAULT_COMPLAINT_CATEGORIES);

  it('is what docs/openapi.json holds (run `npm run api-doc` after changing a contract)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('describes the complaint body from its schema: required fields, categories, no unknown fields', () => {
    const schema = document.paths['/complaints'].post.requestBody.content['application/json'].schema as Record<string, any>;
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'category', 'description']));
    expect(schema.properties.category.enum).toEqual([...DEFAULT_COMPLAINT_CATEGORIES]);
    expect(schema.additionalProperties).toBe(false);
  });
});
