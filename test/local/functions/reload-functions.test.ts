import { describe, expect, it, vi } from 'vitest';
import type { HostedFunction } from '../../../local/functions/host-function.ts';
import { reloadFunctions } from '../../../local/functions/reload-functions.ts';
import type { CfnTemplate } from '../../../local/template/cloudformation-template.ts';
import type { LambdaFunctionDefinition } from '../../../local/template/describe-functions.ts';

const aDefinition = (functionName: string, overrides: Partial<LambdaFunctionDefinition> = {}): LambdaFunctionDefinition => ({
  logicalId: functionName,
  functionName,
  arn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  modulePath: `/assembly/asset.aaa/${functionName}/index.mjs`,
  handlerName: 'handler',
  timeoutSeconds: 10,
  memorySize: 256,
  runtime: 'nodejs24.x',
  logName: functionName.toLowerCase(),
  environment: { TABLE_NAME: { Ref: 'Table' } },
  ...overrides,
});

const aHosted = (definition: LambdaFunctionDefinition): HostedFunction => ({
  definition,
  invoke: vi.fn(async () => ({ from: definition.modulePath })),
  warm: vi.fn(async () => undefined),
  stop: vi.fn(async () => undefined),
});

const templateOf = (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>): CfnTemplate => ({ Resources: resources });

describe('reloadFunctions', () => {
  const before = templateOf({
    Submit: { Type: 'AWS::Lambda::Function' },
    Store: { Type: 'AWS::Lambda::Function' },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } },
    SubmitRole: { Type: 'AWS::IAM::Role', Properties: { Description: 'a' } },
  });

  it.each([
    ['its bundle', { modulePath: '/assembly/asset.bbb/index.mjs' }],
    ['its environment', { environment: { TABLE_NAME: { Ref: 'Table' }, FLAG: 'on' } }],
    ['its timeout', { timeoutSeconds: 20 }],
    ['its memory size', { memorySize: 512 }],
  ])('swaps in a function whose %s changed and drains the old one', async (_change, overrides) => {
    // Prepare
    const submit = aHosted(aDefinition('Submit'));
    const store = aHosted(aDefinition('Store'));
    const functions = new Map([
      ['Submit', submit],
      ['Store', store],
    ]);
    const host = vi.fn(aHosted);

    // Act
    const result = await reloadFunctions({ functions, before, after: before, nextDefinitions: [aDefinition('Submit', overrides), aDefinition('Store')], host });

    // Assess
    expect(result).toEqual({ reloaded: ['submit'], needsRestart: [] });
    expect(functions.get('Submit')).not.toBe(submit);
    expect(functions.get('Submit')?.definition).toMatchObject(overrides);
    expect(functions.get('Submit')?.warm).toHaveBeenCalled();
    expect(submit.stop).toHaveBeenCalled();
    expect(functions.get('Store')).toBe(store);
    expect(store.stop).not.toHaveBeenCalled();
  });

  it('reports new functions and changed queues as needing a restart, and ignores roles', async () => {
    const functions = new Map([
      ['Submit', aHosted(aDefinition('Submit'))],
      ['Store', aHosted(aDefinition('Store'))],
    ]);
    const after = templateOf({
      ...before.Resources,
      Escalate: { Type: 'AWS::Lambda::Function' },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 90 } },
      SubmitRole: { Type: 'AWS::IAM::Role', Properties: { Description: 'b' } },
    });

    const result = await reloadFunctions({
      functions,
      before,
      after,
      nextDefinitions: [aDefinition('Submit'), aDefinition('Store'), aDefinition('Escalate')],
      host: aHosted,
    });

    expect(result).toEqual({ reloaded: [], needsRestart: ['Queue', 'Escalate'] });
    expect(functions.has('Escalate')).toBe(false);
  });
});
