import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, AuthenticatedUser, Clock } from '@app/core';
import { AuditService } from '@app/auth';
import { Notification } from './entities/notification.entity.js';
import { InboxOrder, NotificationRepository } from './notification.repository.js';

export interface InboxPage {
  items: Notification[];
  total: number;
  unreadCount: number;
  page: number;
  pageSize: number;
}

const NOTIFICATION_ID = /^[1-9]\d{0,17}$/;

/** A user's own inbox: nobody reads or marks another user's notifications. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async page(
    user: AuthenticatedUser,
    query: { page: number; pageSize: number; order: InboxOrder },
  ): Promise<InboxPage> {
    const { items, total, unread } = await this.notifications.page({ userId: user.id, ...query });
    return { items, total, unreadCount: unread, page: query.page, pageSize: query.pageSize };
  }

  /** Marks one of the user's notifications read (again is harmless); someone else's is answered as not found. */
  async markRead(user: AuthenticatedUser, id: string): Promise<Notification> {
    if (!NOTIFICATION_ID.test(id)) throw AppError.notFound('通知不存在');
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.notifications.findOwn(user.id, id, manager);
      if (!existing) throw AppError.notFound('通知不存在');
      if (existing.readAt) return existing;
      const readAt = await this.notifications.markRead(user.id, id, this.clock.now(), manager);
      await this.audit.record(
        user,
        {
          action: 'notification.read',
          entityType: 'notification',
          entityId: id,
          districtId: existing.districtId,
          before: { readAt: null },
          after: { readAt },
        },
        manager,
      );
      return { ...existing, readAt: readAt ?? existing.readAt };
    });
  }

  async markAllRead(user: AuthenticatedUser): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const count = await this.notifications.markAllRead(user.id, this.clock.now(), manager);
      if (count > 0) {
        await this.audit.record(
          user,
          { action: 'notification.read_all', entityType: 'notification', after: { marked: count } },
          manager,
        );
      }
      return count;
    });
  }
}
