import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './bearer-auth.guard';
import type { ActingPrincipal } from './principal';

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): ActingPrincipal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
