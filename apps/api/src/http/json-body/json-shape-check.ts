import { TokenType } from '@streamparser/json';
import { textRefusal } from './accepted-text';
import { RESERVED_MEMBER_NAMES, type JsonLimits } from './json-limits';

/** Why a body is refused before it is built: a limit passed, or a value the ledger does not take. */
export class JsonBodyRefusal extends Error {
  override readonly name = 'JsonBodyRefusal';
  constructor(
    /** `json_limit_exceeded`, `duplicate_member`, `reserved_member_name`, `invalid_text`, `malformed_json`. */
    readonly code: string,
    /** Where in the body, as the validation problems name fields (`subjects[0].details.name`). */
    readonly field: string,
    readonly reason: string,
    /** For a limit: which one and its maximum. */
    readonly limit?: { name: keyof JsonLimits; maximum: number },
  ) {
    super(`${field || 'the body'} ${reason}`);
  }
}

interface ObjectFrame {
  kind: 'object';
  /** key: a member name or `}` next; colon; value; comma: `,` or `}` next. */
  expect: 'key' | 'colon' | 'value' | 'comma';
  names: Set<string>;
  current: string | undefined;
}

interface ArrayFrame {
  kind: 'array';
  /** value: a value or `]` next (`]` only while empty); comma: `,` or `]` next. */
  expect: 'value' | 'comma';
  count: number;
}

type Frame = ObjectFrame | ArrayFrame;

const MAX_NAME_IN_FIELD = 64;

/**
 * Follows the tokens of one JSON text and refuses it as soon as it passes a limit (depth,
 * members of an object, items of an array, values in all), repeats a member name in one
 * object (JSON.parse would silently keep the last), uses a name that reaches a prototype, or
 * holds a string the ledger does not accept (see `textRefusal`). Linear in the tokens, no
 * recursion, constant memory per open container: it is safe on any input, before anything
 * walks the body. Tokens out of the JSON grammar are refused as malformed.
 */
export class JsonShapeCheck {
  private readonly stack: Frame[] = [];
  private values = 0;
  private done = false;

  constructor(private readonly limits: JsonLimits) {}

  token(type: TokenType, value: unknown): void {
    if (this.done) throw this.malformed('more than one value');
    const top = this.stack.at(-1);
    switch (type) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        this.valueStarts(top);
        if (this.stack.length >= this.limits.depth) {
          throw this.limit('depth', `nests objects and arrays deeper than ${this.limits.depth}`);
        }
        this.stack.push(
          type === TokenType.LEFT_BRACE
            ? { kind: 'object', expect: 'key', names: new Set(), current: undefined }
            : { kind: 'array', expect: 'value', count: 0 },
        );
        return;
      case TokenType.RIGHT_BRACE:
        if (top?.kind !== 'object' || !(top.expect === 'comma' || top.names.size === 0)) {
          throw this.malformed('unexpected }');
        }
        if (top.expect !== 'comma' && top.expect !== 'key') throw this.malformed('unexpected }');
        this.close();
        return;
      case TokenType.RIGHT_BRACKET:
        if (top?.kind !== 'array' || (top.expect === 'value' && top.count > 0)) {
          throw this.malformed('unexpected ]');
        }
        this.close();
        return;
      case TokenType.COLON:
        if (top?.kind !== 'object' || top.expect !== 'colon') throw this.malformed('unexpected :');
        top.expect = 'value';
        return;
      case TokenType.COMMA:
        if (top === undefined || top.expect !== 'comma') throw this.malformed('unexpected ,');
        top.expect = top.kind === 'object' ? 'key' : 'value';
        return;
      case TokenType.STRING:
        if (top?.kind === 'object' && top.expect === 'key') {
          this.memberName(top, value as string);
          return;
        }
        this.valueStarts(top);
        this.text(value as string, this.path());
        this.valueEnds();
        return;
      case TokenType.NUMBER:
      case TokenType.TRUE:
      case TokenType.FALSE:
      case TokenType.NULL:
        this.valueStarts(top);
        this.valueEnds();
        return;
      default:
        throw this.malformed('unexpected token');
    }
  }

  /** The whole text was read: it must have been exactly one complete value. */
  end(): void {
    if (!this.done) throw this.malformed('the body ends before its value does');
  }

  private valueStarts(top: Frame | undefined): void {
    if (top !== undefined && top.expect !== 'value') throw this.malformed('unexpected value');
    if (++this.values > this.limits.values) {
      throw this.limit('values', `holds more than ${this.limits.values} values in all`);
    }
    if (top?.kind === 'array' && ++top.count > this.limits.items) {
      throw this.limit('items', `holds more than ${this.limits.items} items`, this.containerPath());
    }
  }

  private valueEnds(): void {
    const top = this.stack.at(-1);
    if (top === undefined) this.done = true;
    else top.expect = 'comma';
  }

  private close(): void {
    this.stack.pop();
    this.valueEnds();
  }

  private memberName(frame: ObjectFrame, name: string): void {
    const field = this.path(name);
    this.text(name, field, 'as a member name, ');
    if (RESERVED_MEMBER_NAMES.has(name)) {
      throw new JsonBodyRefusal(
        'reserved_member_name',
        field,
        `${name} is not accepted as a member name`,
      );
    }
    if (frame.names.has(name)) {
      throw new JsonBodyRefusal('duplicate_member', field, 'appears twice in one object');
    }
    if (frame.names.size >= this.limits.members) {
      throw this.limit(
        'members',
        `holds more than ${this.limits.members} members`,
        this.containerPath(),
      );
    }
    frame.names.add(name);
    frame.current = name;
    frame.expect = 'colon';
  }

  private text(value: string, field: string, prefix = ''): void {
    const refusal = textRefusal(value);
    if (refusal) throw new JsonBodyRefusal('invalid_text', field, `${prefix}${refusal}`);
  }

  private limit(name: keyof JsonLimits, reason: string, field = this.path()): JsonBodyRefusal {
    return new JsonBodyRefusal('json_limit_exceeded', field, reason, {
      name,
      maximum: this.limits[name],
    });
  }

  private malformed(reason: string): JsonBodyRefusal {
    return new JsonBodyRefusal(
      'malformed_json',
      '',
      `The request body is not valid JSON: ${reason}.`,
    );
  }

  /** Where the parser is, as a field path; `member` is a name being read in the innermost object. */
  private path(member?: string): string {
    const frames = this.stack;
    const inner = frames.at(-1);
    const own =
      inner === undefined
        ? ''
        : inner.kind === 'array'
          ? `[${inner.count - 1}]`
          : member !== undefined || inner.expect !== 'key'
            ? step(this.containerPath(), member ?? inner.current ?? '')
            : '';
    if (inner?.kind === 'object') return own || this.containerPath();
    return this.containerPath() + own;
  }

  /** The field path of the innermost open object or array. */
  private containerPath(): string {
    let path = '';
    for (let i = 0; i < this.stack.length - 1; i++) {
      const frame = this.stack[i];
      path =
        frame.kind === 'array' ? `${path}[${frame.count - 1}]` : step(path, frame.current ?? '');
    }
    return path;
  }
}

const step = (path: string, name: string): string =>
  path === '' ? printable(name) : `${path}.${printable(name)}`;

/** A member name as a field path shows it: well-formed, printable and short. */
function printable(name: string): string {
  const shown = textRefusal(name) === undefined ? name : '(an unaccepted name)';
  return shown.length > MAX_NAME_IN_FIELD ? `${shown.slice(0, MAX_NAME_IN_FIELD)}…` : shown;
}
