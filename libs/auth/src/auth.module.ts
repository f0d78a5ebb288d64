import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { User } from './entities/user.entity.js';
import { AuthService } from './auth.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuditModule } from './audit.module.js';
import { UserAdminService } from './user-admin.service.js';
import { resolveJwtSecret } from './jwt-secret.js';

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [
        AuditModule,
        TypeOrmModule.forFeature([User]),
        JwtModule.register({
          secret: resolveJwtSecret(config),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [AuthService, AuthGuard, UserAdminService],
      exports: [AuthService, AuthGuard, UserAdminService, AuditModule],
    };
  }
}
