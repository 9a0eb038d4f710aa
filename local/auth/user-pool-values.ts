import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import { resourcesOfType, type CfnTemplate } from '../template/cloudformation-template.ts';
import type { LocalResourceValues } from '../template/resolve-intrinsics.ts';

/** The local issuer standing in for every Cognito user pool of the template. */
export interface LocalUserPools {
  /** `Ref` of a user pool is a local pool id, of an app client the local audience; `ProviderURL` and `Arn` as Cognito gives them. */
  readonly values: LocalResourceValues;
  /** The local issuer for an issuer the template names (`https://cognito-idp.<region>.amazonaws.com/<pool id>` of one of its pools), else undefined. */
  localIssuerOf(templateIssuer: string): string | undefined;
}

/**
 * Resolves the template's AWS::Cognito::UserPool and ::UserPoolClient to the local token issuer,
 * so a JWT authorizer on a user pool (issuer `https://cognito-idp.<region>.amazonaws.com/<pool>`,
 * audience the app client) checks the local issuer's tokens (audience `issuer.audience`) with no
 * local switch in the template: the stack synthesizes the same for AWS and for `npm start`.
 *
 * @example
 * const userPools = localUserPools(template, { url: issuer.url, audience: issuer.audience });
 * readHttpApiAuthorizers(template, mergeResourceValues(values, userPools.values), functionNameOf, userPools.localIssuerOf);
 */
export function localUserPools(template: CfnTemplate, issuer: { readonly url: string; readonly audience: string }): LocalUserPools {
  const pools = resourcesOfType(template, 'AWS::Cognito::UserPool').map(([logicalId]) => ({ logicalId, poolId: `${localRegion}_${logicalId}` }));
  const clients = resourcesOfType(template, 'AWS::Cognito::UserPoolClient').map(([logicalId]) => logicalId);
  const cognitoUrl = (poolId: string) => `https://cognito-idp.${localRegion}.amazonaws.com/${poolId}`;
  const issuers = new Set([issuer.url, ...pools.map(({ poolId }) => cognitoUrl(poolId))]);
  return {
    values: {
      refs: new Map([
        ...pools.map(({ logicalId, poolId }) => [logicalId, poolId] as const),
        ...clients.map((logicalId) => [logicalId, issuer.audience] as const),
      ]),
      attributes: new Map(
        pools.flatMap(({ logicalId, poolId }) => [
          [`${logicalId}.ProviderURL`, cognitoUrl(poolId)] as const,
          [`${logicalId}.ProviderName`, `cognito-idp.${localRegion}.amazonaws.com/${poolId}`] as const,
          [`${logicalId}.UserPoolId`, poolId] as const,
          [`${logicalId}.Arn`, `arn:aws:cognito-idp:${localRegion}:${localAccountId}:userpool/${poolId}`] as const,
        ]),
      ),
    },
    localIssuerOf: (templateIssuer) => (issuers.has(templateIssuer.replace(/\/+$/, '')) ? issuer.url : undefined),
  };
}
