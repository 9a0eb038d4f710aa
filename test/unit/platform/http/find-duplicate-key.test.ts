import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../../../functions/platform/http/find-duplicate-key.ts';
import { propertyRuns } from '../../../helpers/property-runs.ts';

describe('findDuplicateKey', () => {
  it.each([
    ['the same member twice', '{"email":"a@x","email":"b@x"}', 'email'],
    ['a name and its escaped spelling', '{"a":1,"\\u0061":2}', 'a'],
    ['a duplicate in a nested object', '{"x":{"y":1,"y":2}}', 'x.y'],
    ['a duplicate inside an array', '{"list":[1,{"k":1,"k":1}]}', 'list.1.k'],
    ['a duplicate after strings holding braces and quotes', '{"a":"{\\"b\\":[","b":1,"b":2}', 'b'],
    ['a duplicate "__proto__"', '{"__proto__":1,"__proto__":2}', '__proto__'],
  ])('finds %s', (_name, json, path) => {
    expect(findDuplicateKey(json)).toBe(path);
  });

  it.each([
    ['one member each', '{"a":1,"b":2}'],
    ['equal names in sibling objects', '{"a":{"k":1},"b":{"k":1}}'],
    ['equal names in array elements', '[{"k":1},{"k":2}]'],
    ['a name repeated as a value', '{"a":"a","b":["a","a"]}'],
    ['names differing only in case', '{"Email":1,"email":2}'],
    ['a scalar', '"{\\"a\\":1,\\"a\\":2}"'],
  ])('finds nothing in %s', (_name, json) => {
    expect(findDuplicateKey(json)).toBeUndefined();
  });

  // JSON.stringify never writes a name twice, so any value it writes has no duplicate...
  it('finds nothing in any JSON that JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => findDuplicateKey(JSON.stringify(value)) === undefined),
      propertyRuns(1000),
    );
  });

  // ...and repeating any member of any object it writes is always found.
  it('finds a member repeated in any object, however deep', () => {
    const objectWithAMember = fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 });
    fc.assert(
      fc.property(objectWithAMember, fc.jsonValue(), fc.nat(), (object, wrapper, pick) => {
        const names = Object.keys(object);
        const name = names[pick % names.length]!;
        const doubled = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(name)}:0}`;
        const json = `{"wrapper":${JSON.stringify(wrapper)},"inner":${doubled}}`;
        expect(findDuplicateKey(json)).toBe(`inner.${name}`);
      }),
      propertyRuns(1000),
    );
  });
});
