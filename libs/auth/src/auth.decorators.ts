import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role, AuthenticatedUser } from '@app/core';

export const IS_PUBLIC_KEY = 'evc:public';
export const ROLES_KEY = 'evc:roles';

/** Reachable without a token (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Roles allowed on a route. Every non-public route must carry it: the guard refuses a route without it,
 * so a new endpoint is closed until someone decides who may call it.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});
