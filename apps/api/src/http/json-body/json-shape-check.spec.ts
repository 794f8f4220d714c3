import { Tokenizer } from '@streamparser/json';
import fc from 'fast-check';
import { textRefusal } from './accepted-text';
import { JSON_LIMITS, RESERVED_MEMBER_NAMES, type JsonLimits } from './json-limits';
import { JsonBodyRefusal, JsonShapeCheck } from './json-shape-check';

/** What the check says of a JSON text: nothing (accepted) or its refusal. */
function check(text: string, limits: JsonLimits = JSON_LIMITS): JsonBodyRefusal | 'accepted' {
  const shape = new JsonShapeCheck(limits);
  const tokenizer = new Tokenizer();
  let refusal: JsonBodyRefusal | undefined;
  tokenizer.onToken = ({ token, value }) => {
    if (refusal) return;
    try {
      shape.token(token, value);
    } catch (error) {
      refusal = error as JsonBodyRefusal;
    }
  };
  tokenizer.onError = () => {
    refusal ??= new JsonBodyRefusal('malformed_json', '', 'tokenizer');
  };
  try {
    tokenizer.write(text);
    if (!refusal) {
      tokenizer.end();
      shape.end();
    }
  } catch (error) {
    refusal ??= error as JsonBodyRefusal;
  }
  return refusal ?? 'accepted';
}

/** Every string of a JSON value, member names included. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([name, field]) => [name, ...texts(field)]);
  }
  return [];
}

const small: JsonLimits = { depth: 4, members: 3, items: 5, values: 30 };

describe('JsonShapeCheck', () => {
  describe('when a body stays within the limits', () => {
    it('accepts every JSON value the ledger could take', () => {
      for (const text of [
        '{}',
        '[]',
        '0',
        '"text"',
        'null',
        '{"a":[1,2,{"b":"c"}],"d":{"e":true}}',
        '{"name":"tab\\tand\\nlines\\r","emoji":"\\ud83d\\ude00 😀"}',
      ]) {
        expect({ text, result: check(text) }).toEqual({ text, result: 'accepted' });
      }
    });

    it('accepts what JSON.stringify makes of any well-formed value within the limits', () => {
      const accepted = fc
        .jsonValue({ maxDepth: 5 })
        .filter((value) =>
          texts(value).every((t) => !RESERVED_MEMBER_NAMES.has(t) && !textRefusal(t)),
        )
        .map((value) => JSON.stringify(value));
      fc.assert(
        fc.property(accepted, (text) => {
          const result = check(text);
          if (result !== 'accepted') {
            expect(result.code).toMatch(/json_limit_exceeded|duplicate_member/);
          }
        }),
      );
    });
  });

  describe('when a body passes a limit', () => {
    it('names the depth limit and where it was passed', () => {
      const refusal = check('{"a":[[[[1]]]]}', small) as JsonBodyRefusal;
      expect(refusal.code).toBe('json_limit_exceeded');
      expect(refusal.limit).toEqual({ name: 'depth', maximum: 4 });
      expect(refusal.field).toBe('a[0][0][0]');
    });

    it('refuses 2,000 nested arrays without recursion', () => {
      const refusal = check('['.repeat(2000) + ']'.repeat(2000)) as JsonBodyRefusal;
      expect(refusal.limit).toEqual({ name: 'depth', maximum: JSON_LIMITS.depth });
    });

    it('names the array that holds too many items', () => {
      const refusal = check('{"xs":[1,2,3,4,5,6]}', small) as JsonBodyRefusal;
      expect(refusal.limit).toEqual({ name: 'items', maximum: 5 });
      expect(refusal.field).toBe('xs');
    });

    it('names the object that holds too many members', () => {
      const refusal = check('{"o":{"a":1,"b":2,"c":3,"d":4}}', small) as JsonBodyRefusal;
      expect(refusal.limit).toEqual({ name: 'members', maximum: 3 });
      expect(refusal.field).toBe('o');
    });

    it('counts the values of the whole body', () => {
      const refusal = check(
        `[${Array(3).fill('[[1,1,1,1,1],[1,1,1,1,1]]').join(',')}]`,
        small,
      ) as JsonBodyRefusal;
      expect(refusal.limit).toEqual({ name: 'values', maximum: 30 });
    });

    it('refuses an array of 500,000 numbers and an object of 70,000 members at the first one past the limit', () => {
      const numbers = `[${Array.from({ length: 500_000 }, () => 7).join(',')}]`;
      expect((check(numbers) as JsonBodyRefusal).limit?.name).toBe('items');
      const members = `{${Array.from({ length: 70_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
      expect((check(members) as JsonBodyRefusal).limit?.name).toBe('members');
    });
  });

  describe('when a body holds text the ledger does not accept', () => {
    it.each([
      ['a lone high surrogate', '{"name":"x\\ud800y"}', 'name'],
      ['a lone low surrogate', '{"a":["ok","\\udc00"]}', 'a[1]'],
      ['NUL', '{"s":{"t":"a\\u0000b"}}', 's.t'],
      ['a C1 control', '{"s":"\\u0085"}', 's'],
      ['a noncharacter', '{"s":"\\uffff"}', 's'],
      ['a lone surrogate in a member name', '{"ok":{"\\ud800":1}}', 'ok.(an unaccepted name)'],
    ])('refuses %s, naming the field', (_, text, field) => {
      const refusal = check(text) as JsonBodyRefusal;
      expect(refusal.code).toBe('invalid_text');
      expect(refusal.field).toBe(field);
    });

    it('refuses a member name repeated in one object', () => {
      const refusal = check('{"a":{"b":1,"c":2,"b":3}}') as JsonBodyRefusal;
      expect(refusal.code).toBe('duplicate_member');
      expect(refusal.field).toBe('a.b');
      expect(check('{"a":{"b":1},"c":{"b":1}}')).toBe('accepted');
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a member name', (name) => {
      const refusal = check(`{"personal":{"${name}":{"x":"y"}}}`) as JsonBodyRefusal;
      expect(refusal.code).toBe('reserved_member_name');
      expect(refusal.field).toBe(`personal.${name}`);
    });
  });

  describe('when a body is not one JSON value', () => {
    it.each(['[1,]', '{"a":1,}', '{"a"}', '[1 2]', '{"a":1}{"b":2}', '[', '{"a":', ',', '01'])(
      'refuses %s as malformed',
      (text) => {
        expect((check(text) as JsonBodyRefusal).code).toBe('malformed_json');
      },
    );
  });
});
