import { ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../problems/problem.exception';

/** A path id that must be a UUID; the problem names the path parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException(400, 'validation_failed', `${name} must be a UUID.`, [
        { field: name, reason: 'must be a UUID' },
      ]),
  });
