import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity.js';
import { AuthenticatedUser } from '@app/core';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  districtId?: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
}

/** Every write leaves an audit event; pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(actor: AuthenticatedUser | null, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    const event = repository.create({
      actorId: actor?.id ?? null,
      actorName: actor?.displayName ?? '系统',
      actorRole: actor?.role ?? null,
      districtId: entry.districtId ?? actor?.districtId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      ip: entry.ip ?? null,
    });
    await repository.save(event, { reload: false });
  }
}
