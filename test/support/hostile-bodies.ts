import fc from 'fast-check';

/**
 * JSON texts built to hurt a server, for the property tests of the bad-input tiers: nested far
 * past any limit, wider than any field allows, strings with lone surrogates and control
 * characters, repeated member names, and member names or subject ids that reach a prototype.
 */
const deep = fc
  .tuple(fc.integer({ min: 20, max: 5000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) =>
    open === '['
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

const wide = fc.oneof(
  fc
    .integer({ min: 50, max: 20_000 })
    .map((n) => `[${Array.from({ length: n }, (_, i) => i % 10).join(',')}]`),
  fc
    .integer({ min: 50, max: 20_000 })
    .map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`),
  fc
    .integer({ min: 100, max: 1500 })
    .map((n) => JSON.stringify({ subjects: Array.from({ length: n }, () => ({ subjectId: '' })) })),
);

/** A string of any UTF-16 code units: lone surrogates, NUL and other controls included. */
const anyCodeUnits = fc.string({ unit: 'binary', minLength: 1, maxLength: 20 });

const reservedName = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** The endpoint's valid body with one field replaced by hostile text or a hostile member. */
export function hostileVariantsOf(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const fields = Object.keys(valid);
  const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('summary');
  return fc.oneof(
    fc.tuple(field, anyCodeUnits).map(([name, text]) => JSON.stringify({ ...valid, [name]: text })),
    fc.tuple(reservedName, fc.jsonValue()).map(([name, value]) => {
      const text = JSON.stringify(valid);
      const member = `${JSON.stringify(name)}:${JSON.stringify(value) ?? 'null'}`;
      return text === '{}' ? `{${member}}` : `{${member},${text.slice(1)}`;
    }),
    fc.tuple(field, reservedName).map(([name, subjectId]) =>
      JSON.stringify({
        ...valid,
        subjects: [{ subjectId, role: 'victim', details: { name: 'N' } }],
        [name]: valid[name],
      }),
    ),
    field.map((name) => {
      const text = JSON.stringify(valid);
      const again = `${JSON.stringify(name)}:${JSON.stringify(valid[name]) ?? 'null'}`;
      return text === '{}' ? `{${again},${again}}` : `${text.slice(0, -1)},${again}}`;
    }),
  );
}

/** Hostile JSON texts, whatever the endpoint. */
export const hostileBodies: fc.Arbitrary<string> = fc.oneof(deep, wide);
