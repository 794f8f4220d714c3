/**
 * Domain errors are plain classes; the API maps them to HTTP once, in an exception filter.
 * `code` is a stable machine-readable identifier; `field` names the offending input where
 * there is one.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'rule_violation' | 'not_found';
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A rule of the domain forbids the command in the aggregate's current state (HTTP 422). */
export class RuleViolation extends DomainError {
  readonly kind = 'rule_violation' as const;
  override readonly name = 'RuleViolation';
}

/** The command refers to something that does not exist (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  override readonly name = 'NotFoundError';
}

export function requireReason(reason: string | undefined, field = 'reason'): void {
  if (reason === undefined || reason.trim().length === 0) {
    throw new RuleViolation('reason_required', `a ${field} must be given`, field);
  }
}
