import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

/** An error that answers as application/problem+json (RFC 9457) with a stable `type` code. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /**
     * Extension members of the problem (RFC 9457 section 3.2): the instant it was asked as of,
     * the limit a body passed.
     */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}
