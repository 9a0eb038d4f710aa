import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { pino } from 'pino';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import { DateClock } from 'cognito-local/lib/services/clock.js';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb.js';
import { MessageDeliveryService } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
import { MessagesService } from 'cognito-local/lib/services/messages.js';
import { otp } from 'cognito-local/lib/services/otp.js';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator.js';
import { attributeValue, UserPoolServiceFactoryImpl, type User } from 'cognito-local/lib/services/userPoolService.js';
import type { Triggers } from 'cognito-local/lib/services/triggers/triggers.js';
import { CognitoError, NotAuthorizedError } from 'cognito-local/lib/errors.js';
import { Router } from 'cognito-local/lib/server/Router.js';
import { createServer } from 'cognito-local/lib/server/server.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import { localClientConfig, localRegion } from '../emulators/local-aws.ts';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';
import { resourcesOfType, type CfnTemplate } from '../template/cloudformation-template.ts';

/** The running emulated user pools: Cognito's API on one endpoint, one pool per pool of the template. */
export interface LocalUserPool {
  /** The Cognito API endpoint (`InitiateAuth`, `AdminCreateUser`…), as `https://cognito-idp.<region>.amazonaws.com/` is on AWS. */
  readonly endpoint: string;
  /** Each template pool's local id and its app clients' ids, by logical id. */
  readonly pools: readonly LocalPool[];
  /** Lets pages of `origin` call the pool, as Cognito answers any origin: the console's, once the gateway listens. */
  allowOrigin(origin: string): void;
  stop(): Promise<void>;
}

interface LocalPool {
  readonly logicalId: string;
  readonly poolId: string;
  /** `iss` of its tokens; JWKS at `/.well-known/jwks.json` under it. */
  readonly issuer: string;
  readonly clients: ReadonlyMap<string, string>;
}

// Cognito's own defaults where the template leaves token lifetimes out: an hour, refresh 30 days.
// cognito-local's services take a context carrying a logger; the emulator stays quiet (its calls show in the tests that make them).
const logger = pino({ level: 'silent' });
const ctx = { logger };

const COGNITO_TOKEN_DEFAULTS = {
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
} as const;

type Props = Record<string, unknown>;

/**
 * Runs cognito-local (an emulator of Cognito user pools' API) on 127.0.0.1, with a pool for each
 * AWS::Cognito::UserPool of the template (id `<region>_<logical id>`), its groups and app clients,
 * kept under `dataDir` between starts. The console and scripts sign in through it exactly as they
 * do through Cognito: `InitiateAuth`, `RespondToAuthChallenge` (NEW_PASSWORD_REQUIRED),
 * `REFRESH_TOKEN_AUTH`, `RevokeToken`, `ForgotPassword`; the gateway checks its tokens against its JWKS.
 *
 * Hand-written here, where cognito-local departs from Cognito in a way the product would meet:
 * - sign-in by the email alias and case-insensitive user names (the pool's `AliasAttributes` and
 *   `UsernameConfiguration`), which it does not emulate;
 * - a disabled user is refused at sign-in and refresh, as Cognito does (it signs them in);
 * - a wrong password or unknown user is one NotAuthorizedException, as the client's
 *   `PreventUserExistenceErrors` makes it (it names each);
 * - the ID token carries `name`, as Cognito's does for a user with that attribute (it leaves it out);
 * - `ExpiresIn` in the answer, which it leaves out;
 * - a refresh token from answering a challenge that refreshes (it keeps only InitiateAuth's);
 * - codes and temporary passwords are emailed through the local SES, so they show in the mail viewer.
 *
 * Its signing key ships inside the npm package, so anyone on this machine can forge its tokens:
 * like every local server, it listens on 127.0.0.1 only and answers only its own Host and the
 * console's origin.
 *
 * @example
 * const pool = await startLocalUserPool(template, '.data/user-pool', { mailEndpoint: mail.endpoint });
 */
export async function startLocalUserPool(template: CfnTemplate, dataDir: string, options: { readonly mailEndpoint: string }): Promise<LocalUserPool> {
  const clock = new DateClock();
  const dataStores = new StormDBDataStoreFactory(dataDir);
  const cognito = await new CognitoServiceFactoryImpl(dataDir, dataStores, new UserPoolServiceFactoryImpl(clock, dataStores)).create(ctx, {});
  const tokenConfig = { IssuerDomain: '' };
  const triggers = cognitoIdTokenClaims();
  const ses = new SESv2Client(localClientConfig(options.mailEndpoint));
  const services = {
    clock,
    cognito,
    config: {} as Services['config'],
    messages: new MessagesService(triggers, new MessageDeliveryService(emailThroughLocalSes(ses))),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, tokenConfig),
    triggers,
  } satisfies Services;
  const route = Router(services);
  const routeLikeCognito: typeof route = (target) => {
    const base = route(target);
    return async (requestCtx, request: Props) => {
      try {
        const answer = await base(requestCtx, await asCognitoWould(services, target, request));
        if (target === 'RespondToAuthChallenge') await keepRefreshToken(services, request, answer);
        return withExpiresIn(answer);
      } catch (error) {
        // Cognito answers a wrong password, and (the client preventing user existence errors) an
        // unknown user, with one refusal; cognito-local names each.
        const wrongCredentials =
          error instanceof CognitoError &&
          (['InvalidPasswordException', 'UserNotFoundException'].includes(error.code) ||
            (error.code === 'NotAuthorizedException' && error.message !== 'User is disabled.'));
        const passwordSignIn = target === 'InitiateAuth' && request['AuthFlow'] === 'USER_PASSWORD_AUTH';
        if (passwordSignIn && wrongCredentials) throw new NotAuthorizedError('Incorrect username or password.');
        throw error;
      }
    };
  };
  const app = createServer(routeLikeCognito, logger, { port: 0, hostname: '127.0.0.1', development: false, https: false }, services);
  const allowedOrigins = new Set<string>();
  const server = (await app.start()) as Server;
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokenConfig.IssuerDomain = endpoint;
  serveDiscoveryAt(server, endpoint);
  serveLoopbackHostsOnly(server, {
    serverName: 'The local user pool',
    allowOrigin: (origin) => allowedOrigins.has(origin),
  });
  const pools = await provisionPools(services.cognito, template, endpoint);
  return {
    endpoint: `${endpoint}/`,
    pools,
    allowOrigin: (origin) => void allowedOrigins.add(origin),
    stop: () =>
      new Promise((resolve) => {
        ses.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * OIDC discovery as Cognito serves it under each pool's issuer: cognito-local's names
 * `localhost:9229` whatever its address, so a verifier that discovers the JWKS (as API Gateway's
 * JWT authorizer does) would look for it there.
 */
function serveDiscoveryAt(server: Server, endpoint: string): void {
  const listeners = server.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const poolId = /^\/([\w-]+_\w+)\/\.well-known\/openid-configuration$/.exec(request.url ?? '')?.[1];
    if (request.method === 'GET' && poolId !== undefined) {
      const issuer = `${endpoint}/${poolId}`;
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          id_token_signing_alg_values_supported: ['RS256'],
          subject_types_supported: ['public'],
        }),
      );
      return;
    }
    for (const listener of listeners) listener.call(server, request, response);
  });
}

/** Creates each pool, group and app client of the template the data folder does not have yet; keeps users. */
async function provisionPools(cognito: Services['cognito'], template: CfnTemplate, endpoint: string): Promise<LocalPool[]> {
  const pools: LocalPool[] = [];
  for (const [logicalId, properties] of resourcesOfType(template, 'AWS::Cognito::UserPool')) {
    const poolId = `${localRegion}_${logicalId}`;
    if (!(await cognito.listUserPools(ctx)).some((pool) => pool.Id === poolId)) {
      await cognito.createUserPool(ctx, {
        Id: poolId,
        Name: logicalId,
        // As the template has them: which aliases sign in, the password policy, the custom attributes.
        ...pick(properties, ['AliasAttributes', 'UsernameAttributes', 'UsernameConfiguration', 'Policies', 'MfaConfiguration', 'AutoVerifiedAttributes']),
        SchemaAttributes: ((properties['Schema'] ?? []) as Props[]).map((attribute) => ({
          ...attribute,
          Name: ['email', 'name', 'phone_number'].includes(String(attribute['Name'])) ? String(attribute['Name']) : `custom:${String(attribute['Name'])}`,
        })),
      });
    }
    const service = await cognito.getUserPool(ctx, poolId);
    for (const [, group] of resourcesOfType(template, 'AWS::Cognito::UserPoolGroup').filter(([, group]) => refersTo(group, logicalId))) {
      const { GroupName, Description, Precedence } = group;
      if (!(await service.listGroups(ctx)).some((known) => known.GroupName === GroupName)) {
        await service.saveGroup(ctx, {
          GroupName: String(GroupName),
          Description: typeof Description === 'string' ? Description : undefined,
          Precedence: typeof Precedence === 'number' ? Precedence : undefined,
          CreationDate: new Date(),
          LastModifiedDate: new Date(),
          members: [],
        } as Parameters<typeof service.saveGroup>[1]);
      }
    }
    const clients = new Map<string, string>();
    const known = await cognito.listAppClients(ctx, poolId);
    for (const [clientLogicalId, client] of resourcesOfType(template, 'AWS::Cognito::UserPoolClient').filter(([, client]) => refersTo(client, logicalId))) {
      const found = known.find((appClient) => appClient.ClientName === clientLogicalId);
      const appClient = found ?? {
        ClientId: `${clientLogicalId.toLowerCase().slice(0, 20)}${Math.random().toString(36).slice(2, 8)}`,
        ClientName: clientLogicalId,
        UserPoolId: poolId,
        CreationDate: new Date(),
        LastModifiedDate: new Date(),
        ...COGNITO_TOKEN_DEFAULTS,
        ...pick(client, [
          'AccessTokenValidity',
          'IdTokenValidity',
          'RefreshTokenValidity',
          'TokenValidityUnits',
          'ExplicitAuthFlows',
          'ReadAttributes',
          'WriteAttributes',
        ]),
      };
      if (found === undefined) await service.saveAppClient(ctx, appClient as Parameters<typeof service.saveAppClient>[1]);
      clients.set(clientLogicalId, appClient.ClientId);
    }
    pools.push({ logicalId, poolId, issuer: `${endpoint}/${poolId}`, clients });
  }
  return pools;
}

const refersTo = (properties: Props, logicalId: string) => {
  const poolId = properties['UserPoolId'] as Props | undefined;
  return poolId?.['Ref'] === logicalId;
};

const pick = (properties: Props, names: readonly string[]): Props =>
  Object.fromEntries(names.filter((name) => properties[name] !== undefined).map((name) => [name, properties[name]]));

/**
 * What Cognito does before a sign-in that cognito-local does not: finds the user by their email
 * alias or by their user name in any case, and refuses a disabled user. The request goes on with
 * the user's own user name.
 */
async function asCognitoWould(services: Services, target: string, request: Props): Promise<Props> {
  const clientId = request['ClientId'];
  if (typeof clientId !== 'string') return request;
  const signIn = target === 'InitiateAuth' || target === 'RespondToAuthChallenge';
  const byName = target === 'ForgotPassword' || target === 'ConfirmForgotPassword';
  if (!signIn && !byName) return request;
  const pool = await services.cognito.getUserPoolForClientId(ctx, clientId).catch(() => undefined);
  if (pool === undefined) return request;
  const parameters = ((signIn ? (request['AuthParameters'] ?? request['ChallengeResponses']) : undefined) ?? {}) as Props;
  const given = signIn ? parameters['USERNAME'] : request['Username'];
  let user: User | null | undefined;
  if (typeof given === 'string') {
    const wanted = given.toLowerCase();
    user = (await pool.listUsers(ctx)).find(
      (candidate) => candidate.Username.toLowerCase() === wanted || attributeValue('email', candidate.Attributes)?.toLowerCase() === wanted,
    );
  } else if (typeof parameters['REFRESH_TOKEN'] === 'string') {
    user = await pool.getUserByRefreshToken(ctx, parameters['REFRESH_TOKEN']);
  }
  if (user === undefined || user === null) return request;
  if (!user.Enabled) throw new NotAuthorizedError('User is disabled.');
  if (typeof given !== 'string') return request;
  return signIn
    ? {
        ...request,
        ...(request['AuthParameters']
          ? { AuthParameters: { ...parameters, USERNAME: user.Username } }
          : { ChallengeResponses: { ...parameters, USERNAME: user.Username } }),
      }
    : { ...request, Username: user.Username };
}

/**
 * The refresh token a challenge's answer hands out works for REFRESH_TOKEN_AUTH and RevokeToken,
 * as Cognito's does; cognito-local keeps only those of InitiateAuth, so a first sign-in's session
 * could not be refreshed.
 */
async function keepRefreshToken(services: Services, request: Props, answer: unknown): Promise<void> {
  const refreshToken = (answer as { AuthenticationResult?: { RefreshToken?: string } } | undefined)?.AuthenticationResult?.RefreshToken;
  const userName = ((request['ChallengeResponses'] ?? {}) as Props)['USERNAME'];
  if (refreshToken === undefined || typeof userName !== 'string' || typeof request['ClientId'] !== 'string') return;
  const pool = await services.cognito.getUserPoolForClientId(ctx, request['ClientId']);
  const user = await pool.getUserByUsername(ctx, userName);
  if (user !== null) await pool.storeRefreshToken(ctx, refreshToken, user);
}

/** Cognito answers a sign-in with the tokens' lifetime in seconds; cognito-local leaves it out. */
function withExpiresIn(answer: unknown): unknown {
  const result = (answer as { AuthenticationResult?: { AccessToken?: string; ExpiresIn?: number } } | undefined)?.AuthenticationResult;
  if (result?.AccessToken === undefined || result.ExpiresIn !== undefined) return answer;
  const payload = JSON.parse(Buffer.from(result.AccessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number; iat: number };
  return { ...(answer as Props), AuthenticationResult: { ...result, ExpiresIn: payload.exp - payload.iat, TokenType: 'Bearer' } };
}

/** Only the token hook, in place of cognito-local's Lambda triggers: the ID token's `name`, as Cognito's carries it. */
function cognitoIdTokenClaims(): Triggers {
  const none = () => Promise.reject(new Error('No trigger is configured in the local user pool'));
  return {
    enabled: (trigger: string) => trigger === 'PreTokenGeneration',
    preTokenGeneration: async (_ctx: unknown, { userAttributes }: { userAttributes: User['Attributes'] }) => {
      const name = attributeValue('name', userAttributes);
      return { claimsOverrideDetails: name === undefined ? {} : { claimsToAddOrOverride: { name } } };
    },
    customMessage: none,
    customEmailSender: none,
    postAuthentication: none,
    postConfirmation: none,
    preSignUp: none,
    userMigration: none,
  } as unknown as Triggers;
}

/** The pool's emails (a forgotten password's code, a new user's temporary password) through the local SES, from Cognito's default sender. */
function emailThroughLocalSes(ses: SESv2Client) {
  const send = async (_ctx: unknown, user: User, destination: string, message: { emailSubject?: string; emailMessage?: string; __code?: string }) => {
    // Cognito's default wording: the new user's invitation, or a code (a forgotten password's).
    const invitation = user.UserStatus === 'FORCE_CHANGE_PASSWORD';
    const code = message.__code ?? '';
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@verificationemail.com',
        Destination: { ToAddresses: [destination] },
        Content: {
          Simple: {
            Subject: { Data: message.emailSubject ?? (invitation ? 'Your temporary password' : 'Your verification code') },
            Body: {
              Text: {
                Data:
                  message.emailMessage ??
                  (invitation ? `Your username is ${user.Username} and temporary password is ${code}.` : `Your verification code is ${code}.`),
              },
            },
          },
        },
      }),
    );
  };
  return { sendEmail: send, sendSms: send };
}
