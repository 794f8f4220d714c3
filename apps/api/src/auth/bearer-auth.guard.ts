import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@blue-ledger/domain';
import type { Request } from 'express';
import { ProblemException } from '../problems/problem.exception';
import type { ActingPrincipal } from './principal';
import { PrincipalRegistry } from './principal-registry';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export interface AuthenticatedRequest extends Request {
  principal?: ActingPrincipal;
}

@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PrincipalRegistry) private readonly registry: PrincipalRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match) {
      throw new ProblemException(401, 'unauthenticated', 'Send Authorization: Bearer <token>.');
    }
    const principal = this.registry.authenticate(match[1]);
    if (!principal) throw new ProblemException(401, 'unauthenticated', 'The token is not valid.');

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const actingRole = allowed?.find((role) => principal.roles.includes(role));
    if (!actingRole) {
      throw new ProblemException(403, 'forbidden', 'Your roles do not allow this request.');
    }
    request.principal = { ...principal, actingRole };
    return true;
  }
}
