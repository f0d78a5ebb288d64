import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, assertDistrictAccess, AuthenticatedUser, readableDistrictIds } from '@app/core';
import { AuditService } from '@app/auth';
import { ProgressComment } from './entities/progress-comment.entity.js';

export interface ProgressCommentView {
  id: number;
  month: string;
  districtId: number;
  districtName: string;
  body: string;
  authorName: string;
  updatedAt: Date;
}

/** The office's comments on a district's monthly figures: one per district and month, every change audited. */
@Injectable()
export class ProgressCommentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A district user sees the comment on its own district only. */
  async list(user: AuthenticatedUser, month: string): Promise<ProgressCommentView[]> {
    return this.dataSource.query(
      `SELECT c.id, c.month, c.district_id AS "districtId", d.name AS "districtName", c.body,
              u.display_name AS "authorName", c.updated_at AS "updatedAt"
         FROM progress_comment c JOIN district d ON d.id = c.district_id JOIN app_user u ON u.id = c.author_id
        WHERE c.month = $1 AND ($2::int[] IS NULL OR c.district_id = ANY($2))
        ORDER BY d.sort_order, d.code`,
      [month, readableDistrictIds(user)],
    );
  }

  async put(user: AuthenticatedUser, month: string, districtId: number, body: string): Promise<ProgressCommentView> {
    assertDistrictAccess(user, districtId);
    const text = body.trim();
    if (!text) throw AppError.validation('请填写意见内容');
    await this.dataSource.transaction(async (manager) => {
      const [district] = await manager.query(`SELECT id FROM district WHERE id = $1`, [districtId]);
      if (!district) throw AppError.notFound('区县不存在');
      const before = await manager.findOne(ProgressComment, {
        where: { month, districtId },
        lock: { mode: 'pessimistic_write' },
      });
      let id: number;
      if (before) {
        await manager.update(ProgressComment, before.id, { body: text, authorId: user.id });
        id = before.id;
      } else {
        const saved = await manager.save(
          manager.create(ProgressComment, { month, districtId, body: text, authorId: user.id }),
        );
        id = saved.id;
      }
      await this.audit.record(
        user,
        {
          action: before ? 'progress.comment.update' : 'progress.comment.create',
          entityType: 'progress_comment',
          entityId: id,
          districtId,
          before: before ? { month, body: before.body, authorId: before.authorId } : null,
          after: { month, body: text, authorId: user.id },
        },
        manager,
      );
    });
    const [view] = (await this.list(user, month)).filter((c) => c.districtId === districtId);
    return view;
  }

  async remove(user: AuthenticatedUser, month: string, districtId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(ProgressComment, {
        where: { month, districtId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) throw AppError.notFound('该区县本月没有意见');
      await manager.delete(ProgressComment, before.id);
      await this.audit.record(
        user,
        {
          action: 'progress.comment.delete',
          entityType: 'progress_comment',
          entityId: before.id,
          districtId,
          before: { month, body: before.body, authorId: before.authorId },
          after: null,
        },
        manager,
      );
    });
  }
}
