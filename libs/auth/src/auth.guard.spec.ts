import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AppError, AppErrorKind, AuthenticatedUser, Role } from '@app/core';
import { AuthGuard } from './auth.guard';
import { Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';

@Controller()
class SampleController {
  @Get() @Public() open(): void {}
  @Get() @Roles(Role.Office) officeOnly(): void {}
  @Get() forgotten(): void {}
}

const office: AuthenticatedUser = {
  id: 1,
  username: 'office',
  displayName: '市发展改革委',
  role: Role.Office,
  districtId: null,
};
const clerk: AuthenticatedUser = {
  id: 2,
  username: 'wuhua',
  displayName: '五华区',
  role: Role.District,
  districtId: 7,
};

function contextFor(handler: keyof SampleController, authorization?: string): ExecutionContextHost {
  const request = { headers: authorization ? { authorization } : {}, method: 'GET', url: `/${handler}` };
  const context = new ExecutionContextHost(
    [request, {}, () => undefined],
    SampleController,
    SampleController.prototype[handler],
  );
  context.setType('http');
  return context;
}

function guardAuthenticating(user: AuthenticatedUser): AuthGuard {
  const auth = { authenticate: async () => user } as unknown as AuthService;
  return new AuthGuard(new Reflector(), auth);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the guard to refuse');
}

describe('AuthGuard', () => {
  it('lets public routes through without a token', async () => {
    await expect(guardAuthenticating(office).canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('requires a bearer token elsewhere', async () => {
    const error = await rejection(guardAuthenticating(office).canActivate(contextFor('officeOnly')));
    expect(error).toMatchObject({ kind: AppErrorKind.Unauthenticated, message: '请先登录' });
  });

  it('checks the route’s roles', async () => {
    await expect(guardAuthenticating(office).canActivate(contextFor('officeOnly', 'Bearer t'))).resolves.toBe(true);
    const error = await rejection(guardAuthenticating(clerk).canActivate(contextFor('officeOnly', 'Bearer t')));
    expect(error).toMatchObject({ kind: AppErrorKind.Forbidden, message: '当前角色无权执行此操作' });
  });

  it('fails closed on a route nobody gave roles to', async () => {
    const error = await rejection(guardAuthenticating(office).canActivate(contextFor('forgotten', 'Bearer t')));
    expect(error).toMatchObject({ kind: AppErrorKind.Forbidden, message: '该接口尚未配置访问权限' });
  });
});
