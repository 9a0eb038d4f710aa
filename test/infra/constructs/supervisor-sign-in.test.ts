import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SupervisorSignIn, type SupervisorMfa } from '../../../infra/constructs/supervisor-sign-in.ts';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType, template } = synthesizedPipeline();

const [userPoolId] = resourcesOfType('AWS::Cognito::UserPool').map(([id]) => id);
const [clientId] = resourcesOfType('AWS::Cognito::UserPoolClient').map(([id]) => id);

describe('SupervisorSignIn', () => {
  it('has the groups supervisor, lead and admin, the highest role with the lowest precedence', () => {
    const groups = resourcesOfType('AWS::Cognito::UserPoolGroup').map(([, group]) => [group.Properties.GroupName, group.Properties.Precedence]);
    expect(Object.fromEntries(groups)).toEqual({ admin: 0, lead: 1, supervisor: 2 });
  });

  it('creates only groups whose names survive API Gateway\'s flattening of cognito:groups to "[a b]" (no white space, comma or bracket)', () => {
    const names = resourcesOfType('AWS::Cognito::UserPoolGroup').map(([, group]) => String(group.Properties.GroupName));
    expect(names.filter((name) => !/^[^\s,[\]]+$/.test(name))).toEqual([]);
  });

  it('lets only admins create accounts, carries custom:team, and is retained with the stack', () => {
    const pool = resources[userPoolId!]!;
    expect(pool.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.Schema).toContainEqual(expect.objectContaining({ Name: 'team', AttributeDataType: 'String', Mutable: true }));
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('signs in by user name (the identity the API keys users by) or email, in any case', () => {
    const pool = resources[userPoolId!]!.Properties;
    expect(pool.AliasAttributes).toEqual(['email']);
    expect(pool.UsernameAttributes).toBeUndefined();
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
  });

  it('outputs the pool id, the console client id and the console URL', () => {
    expect(template.toJSON().Outputs).toMatchObject({
      SupervisorUserPoolId: { Value: { Ref: userPoolId } },
      SupervisorConsoleClientId: { Value: { Ref: clientId } },
      ConsoleUrl: { Value: { 'Fn::Join': ['', expect.arrayContaining(['/console'])] } },
    });
  });

  it('lets the console read custom:team but never write it, so nobody moves themselves to another team', () => {
    const client = resources[clientId!]!.Properties;
    expect(client.ReadAttributes).toContain('custom:team');
    expect(client.WriteAttributes).not.toContain('custom:team');
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toBeUndefined();
  });
});

describe('SupervisorSignIn multi-factor setting', () => {
  const poolWith = (mfa?: SupervisorMfa) => {
    const stack = new Stack(new App(), 'Test');
    new SupervisorSignIn(stack, 'SignIn', mfa === undefined ? {} : { mfa });
    return Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const poolProperties = (mfa?: SupervisorMfa) => Object.values(poolWith(mfa)).find((resource) => resource.Type === 'AWS::Cognito::UserPool')!.Properties;

  it('is off by default, with no second factor offered', () => {
    expect(poolProperties()).toMatchObject({ MfaConfiguration: 'OFF' });
    expect(poolProperties().EnabledMfas).toBeUndefined();
  });

  it.each([
    ['optional', 'OPTIONAL'],
    ['required', 'ON'],
  ] as const)('offers an authenticator app (TOTP), never SMS, when %s', (mfa, configuration) => {
    expect(poolProperties(mfa)).toMatchObject({ MfaConfiguration: configuration, EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });
});
