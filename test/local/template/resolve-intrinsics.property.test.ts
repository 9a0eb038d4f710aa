import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveIntrinsics, UnresolvableIntrinsicError, type LocalResourceValues } from '../../../local/template/resolve-intrinsics.ts';
import { propertyRuns } from '../../helpers/property-runs.ts';

const logicalId = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,15}$/);
const plainText = fc.string({ maxLength: 20 }).filter((text) => !text.includes('${'));
// Local values for a random set of resources: a Ref value and an Arn attribute each.
const localValues = fc.uniqueArray(fc.tuple(logicalId, plainText, plainText), { minLength: 1, maxLength: 6, selector: ([id]) => id }).map(
  (resources): LocalResourceValues => ({
    refs: new Map(resources.map(([id, ref]) => [id, ref])),
    attributes: new Map(resources.map(([id, , arn]) => [`${id}.Arn`, arn])),
  }),
);
// JSON with no intrinsic in it: no object is a lone `Ref` or `Fn::*` key.
const isIntrinsicKey = (key: string) => key === 'Ref' || key.startsWith('Fn::');
const plainJson = fc.jsonValue().filter(function noIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(noIntrinsic);
  if (value === null || typeof value !== 'object') return true;
  return !Object.keys(value).some(isIntrinsicKey) && Object.values(value).every(noIntrinsic);
});
// Any intrinsic of the supported and unsupported kinds, with arguments of any shape.
const anyIntrinsic = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('intrinsic'), fc.array(tie('value'), { maxLength: 3 })),
  intrinsic: fc
    .tuple(fc.constantFrom('Ref', 'Fn::GetAtt', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::ImportValue', 'Fn::If'), tie('value'))
    .map(([name, argument]) => ({ [name]: argument })),
}));

describe('resolveIntrinsics, for any template value', () => {
  it('returns a value with no intrinsic unchanged', () => {
    fc.assert(
      fc.property(plainJson, localValues, (value, values) => {
        expect(resolveIntrinsics(value, values, 'test')).toEqual(value);
      }),
      propertyRuns(300),
    );
  });

  it('resolves Ref and Fn::GetAtt (list and dotted) to the local value of each resource', () => {
    fc.assert(
      fc.property(localValues, (values) => {
        for (const [id, ref] of values.refs) {
          expect(resolveIntrinsics({ Ref: id }, values, 'test')).toBe(ref);
          expect(resolveIntrinsics({ 'Fn::GetAtt': [id, 'Arn'] }, values, 'test')).toBe(values.attributes.get(`${id}.Arn`));
          expect(resolveIntrinsics({ 'Fn::GetAtt': `${id}.Arn` }, values, 'test')).toBe(values.attributes.get(`${id}.Arn`));
          expect(resolveIntrinsics({ 'Fn::Sub': `<\${${id}}|\${${id}.Arn}>` }, values, 'test')).toBe(`<${ref}|${values.attributes.get(`${id}.Arn`)}>`);
        }
      }),
      propertyRuns(200),
    );
  });

  it('joins, splits and selects as the string functions of JavaScript do', () => {
    fc.assert(
      fc.property(fc.array(plainText, { maxLength: 6 }), fc.string({ minLength: 1, maxLength: 3 }), fc.nat(), (parts, delimiter, pick) => {
        const joined = parts.join(delimiter);
        expect(resolveIntrinsics({ 'Fn::Join': [delimiter, parts] }, { refs: new Map(), attributes: new Map() }, 'test')).toBe(joined);
        const pieces = joined.split(delimiter);
        const index = pick % pieces.length;
        const selected = resolveIntrinsics({ 'Fn::Select': [index, { 'Fn::Split': [delimiter, joined] }] }, { refs: new Map(), attributes: new Map() }, 'test');
        expect(selected).toBe(pieces[index]);
      }),
      propertyRuns(300),
    );
  });

  it('either resolves or throws UnresolvableIntrinsicError naming the place, never another error', () => {
    fc.assert(
      fc.property(anyIntrinsic.intrinsic, localValues, (value, values) => {
        try {
          resolveIntrinsics(value, values, 'Fuzzed Environment.Variables');
        } catch (error) {
          expect(error).toBeInstanceOf(UnresolvableIntrinsicError);
          expect((error as Error).message).toContain('Fuzzed Environment.Variables');
        }
      }),
      propertyRuns(500),
    );
  });
});
