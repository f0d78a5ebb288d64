import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent, AuditService } from '@app/auth';

/**
 * The audit trail for library services the worker loads (their audited office operations are never called here,
 * but their modules need the provider). The API gets it from AuthModule, which also brings sign-in and JWT.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService],
  exports: [AuditService],
})
export class WorkerAuditModule {}
