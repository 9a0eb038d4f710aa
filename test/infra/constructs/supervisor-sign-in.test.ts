import { describe, expect, it } from 'vitest';
import { synthesizedPipeline } from '../helpers/synthesized-pipeline.ts';

const { resources, resourcesOfType } = synthesizedPipeline();

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

  it('lets the console read custom:team but never write it, so nobody moves themselves to another team', () => {
    const client = resources[clientId!]!.Properties;
    expect(client.ReadAttributes).toContain('custom:team');
    expect(client.WriteAttributes).not.toContain('custom:team');
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toBeUndefined();
  });
});
