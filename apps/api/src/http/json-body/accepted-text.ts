/**
 * What the ledger accepts as text, in every string of a body, member names included: well-formed
 * Unicode as I-JSON (RFC 7493) requires, so that any JSON tool and any RFC 8785 implementation
 * can read and hash what the ledger stores. Refused:
 * - lone surrogates (`"\ud800"`): not Unicode scalar values; UTF-8 cannot carry them;
 * - noncharacters (U+FDD0-U+FDEF and U+xFFFE, U+xFFFF of every plane): I-JSON excludes them;
 * - control characters (C0 and C1, and DEL) except tab, line feed and carriage return, which
 *   free text may hold: NUL and the others have no place in a record and upset the tools that
 *   read exports (terminals, CSV, C strings).
 */
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const NONCHARACTER =
  /[\ufdd0-\ufdef\ufffe\uffff]|[\u{1fffe}-\u{1ffff}\u{2fffe}-\u{2ffff}\u{3fffe}-\u{3ffff}\u{4fffe}-\u{4ffff}\u{5fffe}-\u{5ffff}\u{6fffe}-\u{6ffff}\u{7fffe}-\u{7ffff}\u{8fffe}-\u{8ffff}\u{9fffe}-\u{9ffff}\u{afffe}-\u{affff}\u{bfffe}-\u{bffff}\u{cfffe}-\u{cffff}\u{dfffe}-\u{dffff}\u{efffe}-\u{effff}\u{ffffe}-\u{fffff}\u{10fffe}-\u{10ffff}]/u;

/** Why the text is refused, or undefined when it is accepted. */
export function textRefusal(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogates)';
  if (CONTROL.test(text)) {
    return 'must hold no control characters other than tab, line feed and carriage return';
  }
  if (NONCHARACTER.test(text)) return 'must hold no Unicode noncharacters';
  return undefined;
}
