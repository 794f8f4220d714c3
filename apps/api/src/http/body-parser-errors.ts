import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem.exception';

interface BodyParserError {
  type?: string;
}

/**
 * Turns the JSON body parser's errors into problems before Nest sees them (Nest would turn a
 * parse error into a generic 400 and lose what it was).
 */
export function bodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const type = (error as BodyParserError | null)?.type;
  if (type === 'entity.parse.failed') {
    return next(new ProblemException(400, 'malformed_json', 'The request body is not valid JSON.'));
  }
  if (type === 'entity.too.large') {
    return next(new ProblemException(413, 'payload_too_large', 'The request body is over 1 MB.'));
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return next(new ProblemException(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON.'));
  }
  next(error);
}
