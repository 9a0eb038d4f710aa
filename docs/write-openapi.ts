// `npm run api-doc`: writes docs/openapi.json from the contracts (default complaint categories).
import { writeFile } from 'node:fs/promises';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../functions/intake/contracts/complaint-submission.ts';
import { openApiDocument } from './openapi-document.ts';

const file = new URL('./openapi.json', import.meta.url);
await writeFile(file, `${JSON.stringify(openApiDocument(DEFAULT_COMPLAINT_CATEGORIES), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
