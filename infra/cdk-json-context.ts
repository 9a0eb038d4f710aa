import { readFileSync } from 'node:fs';

const CDK_JSON = new URL('../cdk.json', import.meta.url);

/**
 * The `context` of `cdk.json`: the feature flags the template is built with. The CLI hands this
 * to the app through `CDK_CONTEXT_JSON`, but an `App` created in-process (the infra tests, the
 * local runtime) never reads `cdk.json`, so without this they would synthesize with other flags
 * than `cdk deploy`.
 *
 * @example
 * const app = new App({ context: cdkJsonContext() });
 */
export function cdkJsonContext(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return context ?? {};
}
