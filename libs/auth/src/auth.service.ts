import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError, AuthenticatedUser } from '@app/core';
import { User } from './entities/user.entity.js';
import { verifyPassword } from './password.js';

interface TokenClaims {
  sub: number;
  /** Seconds of the last password change: a token issued before it is void. */
  pwd: number;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: AuthenticatedUser;
}

// A hash to verify against when the user does not exist, so both failures take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0oGNBN6C4w3VOwxX2Sx2h8xlZ5Vb0Ui3Yy0Rml8rkVY';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string, expiresIn: number): Promise<LoginResult> {
    const user = await this.users.findOne({ where: { username: username.trim() } });
    const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !valid) throw AppError.unauthenticated('用户名或密码错误');
    if (user.disabled) throw AppError.unauthenticated('账号已停用，请联系市发展改革委');
    const claims: TokenClaims = { sub: user.id, pwd: passwordEpoch(user) };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { accessToken, expiresIn, user: toAuthenticated(user) };
  }

  /** Checks the token and that the account is still active, on every request. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch (error) {
      throw AppError.unauthenticated(
        (error as Error).name === 'TokenExpiredError' ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录',
      );
    }
    const user = await this.users.findOne({ where: { id: claims.sub } });
    if (!user || user.disabled) throw AppError.unauthenticated('账号不存在或已停用');
    if (claims.pwd !== passwordEpoch(user)) throw AppError.unauthenticated('密码已修改，请重新登录');
    return toAuthenticated(user);
  }
}

function passwordEpoch(user: User): number {
  return user.passwordChangedAt ? Math.floor(user.passwordChangedAt.getTime() / 1000) : 0;
}

export function toAuthenticated(user: User): AuthenticatedUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    districtId: user.districtId,
  };
}
