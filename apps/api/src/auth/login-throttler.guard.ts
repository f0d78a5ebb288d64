import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Counts sign-in attempts per client address and username, so guessing one account's password is slowed down. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const body = (request.body ?? {}) as { username?: unknown };
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase() : '';
    return `${String(request.ip ?? '')}|${username}`;
  }
}

/** 10 attempts a minute per address and username (issue 6 §1). */
export const LOGIN_THROTTLE = { default: { limit: 10, ttl: 60_000 } };
