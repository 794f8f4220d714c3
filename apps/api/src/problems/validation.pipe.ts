import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from './problem.exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Field errors spelled out in `detail`; `errors[]` lists more (see ProblemDetailsFilter). */
const DETAILED_ERRORS = 5;

/** class-validator on every body and query; unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const shown = fieldErrors.slice(0, DETAILED_ERRORS).map((e) => `${e.field}: ${e.reason}`);
      const more = fieldErrors.length - shown.length;
      const detail = shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
      return new ProblemException(400, 'validation_failed', detail, fieldErrors);
    },
  });
}
