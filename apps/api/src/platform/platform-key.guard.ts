import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { PlatformApiKey, PlatformApiKeyService, PLATFORM_KEY_HEADER } from '@app/platform';

interface KeyedRequest {
  headers: Record<string, string | string[] | undefined>;
  platformKey?: PlatformApiKey;
}

/** Routes the municipal platform calls: an office-issued key in X-Platform-Key, not a user's token. */
@Injectable()
export class PlatformKeyGuard implements CanActivate {
  constructor(private readonly keys: PlatformApiKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    request.platformKey = await this.keys.authenticate(request.headers[PLATFORM_KEY_HEADER]);
    return true;
  }
}

export const CurrentPlatformKey = createParamDecorator((_: unknown, context: ExecutionContext): PlatformApiKey => {
  const request = context.switchToHttp().getRequest<KeyedRequest>();
  if (!request.platformKey) throw new Error('CurrentPlatformKey used without PlatformKeyGuard');
  return request.platformKey;
});
