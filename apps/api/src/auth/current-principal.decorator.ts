import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { ActingPrincipal, AuthenticatedRequest } from './principal';

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): ActingPrincipal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
