import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import type { LocalResourceValues } from '../template/resolve-intrinsics.ts';
import type { LocalUserPool } from './start-local-user-pool.ts';

/** How the template's user pools resolve locally, and where their tokens come from. */
export interface LocalUserPoolValues {
  /** `Ref` of a pool is its local id, of an app client its local client id; `ProviderURL` the local issuer, whose origin is the pool's API. */
  readonly values: LocalResourceValues;
  /** The local pool's issuer for an issuer the template names (`https://cognito-idp.<region>.amazonaws.com/<pool id>`), else undefined. */
  localIssuerOf(templateIssuer: string): string | undefined;
}

/**
 * Resolves the template's AWS::Cognito::UserPool and ::UserPoolClient to the emulated pools, so a
 * JWT authorizer on a user pool (issuer `https://cognito-idp.<region>.amazonaws.com/<pool>`,
 * audience the app client) checks the emulator's tokens, and a function given the pool's
 * `ProviderURL` (the console) signs in against the emulator, with no local switch in the
 * template: the stack synthesizes the same for AWS and for `npm start`.
 *
 * @example
 * const userPools = localUserPoolValues(userPool);
 * readHttpApiAuthorizers(template, mergeResourceValues(values, userPools.values), functionNameOf, userPools.localIssuerOf);
 */
export function localUserPoolValues(userPool: Pick<LocalUserPool, 'pools'>): LocalUserPoolValues {
  const cognitoUrl = (poolId: string) => `https://cognito-idp.${localRegion}.amazonaws.com/${poolId}`;
  const issuers = new Map(userPool.pools.map((pool) => [cognitoUrl(pool.poolId), pool.issuer]));
  return {
    values: {
      refs: new Map([...userPool.pools.map((pool) => [pool.logicalId, pool.poolId] as const), ...userPool.pools.flatMap((pool) => [...pool.clients])]),
      attributes: new Map(
        userPool.pools.flatMap((pool) => [
          [`${pool.logicalId}.ProviderURL`, pool.issuer] as const,
          [`${pool.logicalId}.ProviderName`, pool.issuer.replace(/^https?:\/\//, '')] as const,
          [`${pool.logicalId}.UserPoolId`, pool.poolId] as const,
          [`${pool.logicalId}.Arn`, `arn:aws:cognito-idp:${localRegion}:${localAccountId}:userpool/${pool.poolId}`] as const,
        ]),
      ),
    },
    localIssuerOf: (templateIssuer) => issuers.get(templateIssuer.replace(/\/+$/, '')),
  };
}
