import { CfnOutput } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';
import type { SupervisorSignIn } from './supervisor-sign-in.ts';

export interface SupervisorConsoleProps {
  readonly api: PublicHttpApi;
  /** The user pool and app client the console signs supervisors in with. */
  readonly signIn: SupervisorSignIn;
  /** The edge firewall's address, when the API is behind it: ConsoleUrl then starts there. @default - the custom domain, else the API's */
  readonly edgeUrl?: string | undefined;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The console's bundle budget: its two browser files (`app.js` and `app.css`), gzipped as the
 * console function serves them (level 9), at most this many bytes together. The report view's
 * charts are hand-written SVG to stay within it (docs/console.md, "Bundle budget").
 */
export const CONSOLE_BUNDLE_BUDGET_GZIP_BYTES = 36 * 1024;

/**
 * The esbuild commands that build the browser bundle and the stylesheet into the function's
 * asset, beside its own bundle: one build for AWS and local mode, and the asset's hash changes
 * with them. Runs on the machine that synthesizes (like the function's own bundling).
 */
export const consoleBuildCommands = (outputDir: string): string[] => {
  const esbuild = `"${projectRoot}node_modules/.bin/esbuild"`;
  return [
    `${esbuild} "${projectRoot}web/console/browser/main.ts" --bundle --minify --format=esm --target=es2022 --log-level=warning --outfile="${outputDir}/console/app.js"`,
    `${esbuild} "${projectRoot}web/console/app.css" --minify --log-level=warning --outfile="${outputDir}/console/app.css"`,
  ];
};

/**
 * The supervisor console: `GET /console` and its two files from one small function on the public
 * API, so the console and the supervisor API share an origin (no CORS, `connect-src 'self'`) and
 * local mode serves the same routes. The pages are public; everything they show comes from the
 * supervisor API behind its JWT authorizer.
 */
export class SupervisorConsole extends Construct {
  public readonly function: PipelineFunction;

  constructor(scope: Construct, id: string, props: SupervisorConsoleProps) {
    super(scope, id);
    this.function = new PipelineFunction(this, 'Function', {
      name: 'console',
      environment: { SIGN_IN_PROVIDER_URL: props.signIn.userPool.userPoolProviderUrl, SIGN_IN_CLIENT_ID: props.signIn.client.userPoolClientId },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir, outputDir) => consoleBuildCommands(outputDir),
      },
    });
    props.api.addRoute(HttpMethod.GET, '/console', this.function.fn);
    props.api.addRoute(HttpMethod.GET, '/console/{asset}', this.function.fn);
    const front = props.edgeUrl ?? props.api.customDomainUrl;
    const base = front === undefined ? props.api.url : `${front}/`;
    new CfnOutput(this, 'Url', { key: 'ConsoleUrl', value: `${base}console` });
  }
}
