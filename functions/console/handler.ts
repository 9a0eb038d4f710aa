import { readFileSync } from 'node:fs';
import { httpHandler } from '../platform/http/http-handler.ts';
import * as z from 'zod/mini';
import { readRuntimeConfig, requiredSetting } from '../platform/settings/runtime-config.ts';
import { consoleRoutes } from './console-routes.ts';
import { signInEndpointOf } from './render-console-shell.ts';

const config = readRuntimeConfig({ SIGN_IN_PROVIDER_URL: z.optional(requiredSetting), SIGN_IN_CLIENT_ID: z.optional(requiredSetting) }, process.env);
// esbuild writes the browser bundle beside this function's own (the construct's afterBundling
// hook), so the deployed and the local function serve the same files; read once per environment.
const read = (name: string) => readFileSync(new URL(`./console/${name}`, import.meta.url), 'utf8');
// The pool's ProviderURL: Cognito's endpoint on AWS, the emulated pool's locally, from one template.
const signIn =
  config.SIGN_IN_PROVIDER_URL && config.SIGN_IN_CLIENT_ID
    ? { endpoint: signInEndpointOf(config.SIGN_IN_PROVIDER_URL), clientId: config.SIGN_IN_CLIENT_ID }
    : undefined;

/** `GET /console` and `GET /console/{asset}`: the supervisor console (see `web/console/`). */
export const handle = consoleRoutes({ script: read('app.js'), style: read('app.css') }, signIn);

export const handler = httpHandler(handle);
