// `npm run api-doc`: writes docs/openapi.json from the contracts (default complaint categories),
// and docs/api.md, the same document as Markdown for people.
import { writeFile } from 'node:fs/promises';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../functions/intake/contracts/complaint-submission.ts';
import { type ApiDocument, apiMarkdown } from './api-markdown.ts';
import { openApiDocument } from './openapi-document.ts';

const openApiJson = `${JSON.stringify(openApiDocument(DEFAULT_COMPLAINT_CATEGORIES), null, 2)}\n`;
// api.md is rendered from the JSON as written, so the two files cannot say different things.
for (const [name, text] of [
  ['openapi.json', openApiJson],
  ['api.md', apiMarkdown(JSON.parse(openApiJson) as ApiDocument)],
] as const) {
  const file = new URL(`./${name}`, import.meta.url);
  await writeFile(file, text);
  console.log(`wrote ${file.pathname}`);
}
