import { ProblemException } from '../problems/problem.exception';

/**
 * Read your writes across instances (a consistency token): a GET may name the lowest position
 * of the global order its answer must reflect, typically the `position` a write answered
 * (through any instance); the instance answers once its read models have applied it.
 */
export const MIN_POSITION_HEADER = 'Ledger-Min-Position';

/** The position every read model of the instance had applied when it computed the answer. */
export const POSITION_HEADER = 'Ledger-Position';

/** Seconds a client is told to wait before asking again when the read models are behind. */
export const BEHIND_RETRY_AFTER_SECONDS = 1;

const POSITION = /^[0-9]{1,19}$/;

/** The header's value as a position; absent: undefined; anything else than one: a 400. */
export function parseMinPosition(value: string | string[] | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value.trim();
  if (!POSITION.test(text)) {
    throw new ProblemException(
      400,
      'validation_failed',
      `${MIN_POSITION_HEADER} must be a position of the global order (the \`position\` a write answered).`,
      [
        {
          field: MIN_POSITION_HEADER,
          reason: 'must be one non-negative whole number: a position of the global order',
        },
      ],
    );
  }
  return BigInt(text);
}

/** Asked for a position no event of the store has reached: nothing waits for it. */
export function beyondHead(asked: bigint, head: bigint | null): ProblemException {
  const at = head === null ? 'the store holds no event yet' : `its last position is ${head}`;
  return new ProblemException(
    400,
    'position_beyond_head',
    `${MIN_POSITION_HEADER} ${asked} is beyond the head of the store: ${at}.`,
    [{ field: MIN_POSITION_HEADER, reason: 'is beyond the last position of the store' }],
    {},
    { minPosition: Number(asked), headPosition: head === null ? null : Number(head) },
  );
}

/** The read models did not apply the position asked within the wait: try again, or elsewhere. */
export function readModelsBehind(
  asked: bigint,
  reached: number | null,
  waitedMs: number,
): ProblemException {
  const at = reached === null ? 'no event yet' : `position ${reached}`;
  return new ProblemException(
    503,
    'read_models_behind',
    `The read models of this instance have applied ${at}, not yet position ${asked} ` +
      `(${MIN_POSITION_HEADER}); waited ${waitedMs} ms. Ask again in a moment.`,
    [],
    { 'Retry-After': String(BEHIND_RETRY_AFTER_SECONDS) },
    { minPosition: Number(asked), readModelsPosition: reached },
  );
}

/** A page rendered before its session's last write was applied: it says so (see the layout). */
export interface ReadBehind {
  asked: string;
  reached: string | null;
}
