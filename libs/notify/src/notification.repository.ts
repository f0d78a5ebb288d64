import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@app/core';
import { Notification } from './entities/notification.entity.js';
import { NotificationMessage, NotificationRecipients, RecipientScope } from './notification-message.js';

export enum InboxOrder {
  UnreadFirst = 'unread_first',
  Newest = 'newest',
}

export interface InboxPageQuery {
  userId: number;
  page: number;
  pageSize: number;
  order: InboxOrder;
}

/** Who a recipient spec selects, as SQL over app_user u (disabled accounts never receive anything). */
function recipientCondition(
  recipients: NotificationRecipients,
  firstParam: number,
): { sql: string; params: unknown[] } {
  switch (recipients.scope) {
    case RecipientScope.Districts:
      return {
        sql: `u.role = '${Role.District}' AND u.district_id = ANY($${firstParam}::int[])`,
        params: [[...recipients.districtIds]],
      };
    case RecipientScope.Office:
      return { sql: `u.role = '${Role.Office}'`, params: [] };
    case RecipientScope.Users:
      return { sql: `u.id = ANY($${firstParam}::int[])`, params: [[...recipients.userIds]] };
  }
}

/** The in-app inbox. Queries only (STYLE habit 2). */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per active recipient; a recipient that already has this dedupe key is skipped. Returns rows written. */
  async insertForRecipients(message: NotificationMessage, manager: EntityManager): Promise<number> {
    const condition = recipientCondition(message.recipients, 8);
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification (user_id, kind, title, body, link, district_id, month, dedupe_key)
       SELECT u.id, $1, $2, $3, $4, COALESCE($5::int, u.district_id), $6, $7
         FROM app_user u
        WHERE NOT u.disabled AND ${condition.sql}
        ORDER BY u.id
       ON CONFLICT ON CONSTRAINT "UQ_notification_dedupe" DO NOTHING
       RETURNING id`,
      [
        message.kind,
        message.title,
        message.body,
        message.link ?? null,
        message.districtId ?? null,
        message.month ?? null,
        message.dedupeKey,
        ...condition.params,
      ],
    );
    return rows.length;
  }

  async page(query: InboxPageQuery): Promise<{ items: Notification[]; total: number; unread: number }> {
    const builder = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: query.userId })
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (query.order === InboxOrder.UnreadFirst) {
      builder.addSelect('CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END', 'read_rank').orderBy('read_rank', 'ASC');
    }
    builder.addOrderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC');
    const [[items, total], unread] = await Promise.all([
      builder.getManyAndCount(),
      this.dataSource
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where('n.userId = :userId AND n.readAt IS NULL', { userId: query.userId })
        .getCount(),
    ]);
    return { items, total, unread };
  }

  findOwn(userId: number, id: string, manager: EntityManager = this.dataSource.manager): Promise<Notification | null> {
    return manager.getRepository(Notification).findOne({ where: { id, userId } });
  }

  /** Marks one unread notification read; null when it is not the user's or was already read. */
  async markRead(userId: number, id: string, at: Date, manager: EntityManager): Promise<Date | null> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const rows: { read_at: Date }[] = await manager.query(
      `WITH marked AS (
         UPDATE notification SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL RETURNING read_at
       ) SELECT read_at FROM marked`,
      [id, userId, at],
    );
    return rows[0]?.read_at ?? null;
  }

  async markAllRead(userId: number, at: Date, manager: EntityManager): Promise<number> {
    const [{ count }]: { count: number }[] = await manager.query(
      `WITH marked AS (
         UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id
       ) SELECT count(*)::int AS count FROM marked`,
      [userId, at],
    );
    return count;
  }
}
