import { describe, expect, it } from 'vitest';
import { mergeResourceValues, resolveIntrinsics, UnresolvableIntrinsicError } from '../../../local/template/resolve-intrinsics.ts';

const values = mergeResourceValues(
  {
    refs: new Map([
      ['AWS::Region', 'us-east-1'],
      ['AWS::URLSuffix', 'amazonaws.com'],
    ]),
    attributes: new Map(),
  },
  {
    refs: new Map([
      ['Queue', 'http://127.0.0.1:1/000000000000/Queue'],
      ['Table', 'Table'],
    ]),
    attributes: new Map([
      ['Queue.Arn', 'arn:aws:sqs:us-east-1:000000000000:Queue'],
      ['Queue.QueueName', 'Queue'],
    ]),
  },
);

describe('resolveIntrinsics', () => {
  it.each([
    ['a plain string', 'plain', 'plain'],
    ['Ref to a resource', { Ref: 'Table' }, 'Table'],
    ['Ref to a pseudo parameter', { Ref: 'AWS::Region' }, 'us-east-1'],
    ['Fn::GetAtt as a list', { 'Fn::GetAtt': ['Queue', 'Arn'] }, 'arn:aws:sqs:us-east-1:000000000000:Queue'],
    ['Fn::GetAtt as a dotted string', { 'Fn::GetAtt': 'Queue.QueueName' }, 'Queue'],
    ['Fn::Join', { 'Fn::Join': ['-', [{ Ref: 'Table' }, 'x', { Ref: 'AWS::Region' }]] }, 'Table-x-us-east-1'],
    ['Fn::Select over Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Queue', 'Arn'] }] }] }, 'aws'],
    ['Fn::Sub with refs and attributes', { 'Fn::Sub': 'https://${Table}.${AWS::URLSuffix}/${Queue.QueueName}' }, 'https://Table.amazonaws.com/Queue'],
    ['Fn::Sub with bound variables', { 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { Ref: 'Table' } }] }, 'Table-us-east-1'],
    ['Fn::Sub literal escape', { 'Fn::Sub': '${!Literal}' }, '${Literal}'],
    ['nested objects', { a: [{ Ref: 'Table' }, 1] }, { a: ['Table', 1] }],
    ['AWS::NoValue in a list', [{ Ref: 'AWS::NoValue' }, 'kept'], ['kept']],
  ])('resolves %s', (_name, input, expected) => {
    expect(resolveIntrinsics(input, values, 'test')).toEqual(expected);
  });

  it.each([
    ['an unknown Ref', { Ref: 'Missing' }, /Missing/],
    ['an unknown attribute', { 'Fn::GetAtt': ['Queue', 'Nope'] }, /Queue\.Nope/],
    ['an unsupported function', { 'Fn::ImportValue': 'Shared' }, /Fn::ImportValue is not supported/],
    ['Fn::Select out of range', { 'Fn::Select': [5, ['a']] }, /out of range/],
  ])('fails clearly on %s, naming the place', (_name, input, message) => {
    const act = () => resolveIntrinsics(input, values, 'MyFunction Environment.Variables');
    expect(act).toThrow(UnresolvableIntrinsicError);
    expect(act).toThrow(message);
    expect(act).toThrow(/MyFunction Environment\.Variables/);
  });
});
