// The yardstick for functions/console: no AWS SDK call at all; what serving its two files needs,
// read once per environment from beside the bundle (where the construct's afterBundling hook
// writes them), a one-line shell, and each answer base64 as API Gateway wants binary bodies. No
// gzip, no content hashes, no security headers, no logging.
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const read = (name: string) => readFileSync(new URL(`./console/${name}`, import.meta.url));
const files: Record<string, { type: string; body: string }> = {
  'app.js': { type: 'text/javascript', body: read('app.js').toString('base64') },
  'app.css': { type: 'text/css', body: read('app.css').toString('base64') },
};
const shell = Buffer.from('<!doctype html><link rel="stylesheet" href="/console/app.css"><script type="module" src="/console/app.js"></script>').toString(
  'base64',
);

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const file = event.routeKey === 'GET /console' ? { type: 'text/html', body: shell } : files[event.pathParameters?.asset ?? ''];
  if (!file) return { statusCode: 404, body: '' };
  return { statusCode: 200, headers: { 'content-type': file.type }, body: file.body, isBase64Encoded: true };
};
