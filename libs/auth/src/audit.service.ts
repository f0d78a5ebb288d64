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
  /** Who acted when no user did (e.g. the municipal platform pushing with its key); default '系统'. */
  actorName?: string;
}

export interface AuditQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  districtId?: number;
  actorId?: number;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** Every write leaves an audit event; pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(actor: AuthenticatedUser | null, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    const event = repository.create({
      actorId: actor?.id ?? null,
      actorName: actor?.displayName ?? entry.actorName ?? '系统',
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

  /** The office's view of the trail, newest first. There is no update or delete: the table refuses them. */
  async list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const builder = this.events
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    if (query.entityType) builder.andWhere('e.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.districtId !== undefined)
      builder.andWhere('e.districtId = :districtId', { districtId: query.districtId });
    if (query.actorId !== undefined) builder.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.from) builder.andWhere('e.occurredAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('e.occurredAt < :to', { to: query.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
