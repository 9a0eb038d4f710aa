/** Region, account and credentials of the local world; any values work, they only have to agree. */
export const localRegion = 'us-east-1';
export const localAccountId = '000000000000';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Client options for an SDK client talking to a local emulator. */
export function localClientConfig(endpoint: string) {
  return { endpoint, region: localRegion, credentials: localCredentials };
}

/** Pseudo parameters as `Ref` sees them; AWS::NoValue is handled by the resolver itself. */
export function pseudoParameterRefs(stackName: string): Map<string, string> {
  return new Map([
    ['AWS::Region', localRegion],
    ['AWS::AccountId', localAccountId],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::StackName', stackName],
    ['AWS::StackId', `arn:aws:cloudformation:${localRegion}:${localAccountId}:stack/${stackName}/local`],
  ]);
}
