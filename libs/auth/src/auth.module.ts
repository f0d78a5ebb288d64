import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { User } from './entities/user.entity.js';
import { AuditEvent } from './entities/audit-event.entity.js';
import { AuthService } from './auth.service.js';
import { AuthGuard } from './auth.guard.js';
import { AuditService } from './audit.service.js';
import { resolveJwtSecret } from './jwt-secret.js';

@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature([User, AuditEvent]),
        JwtModule.register({
          secret: resolveJwtSecret(config),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [AuthService, AuthGuard, AuditService],
      exports: [AuthService, AuthGuard, AuditService],
    };
  }
}
