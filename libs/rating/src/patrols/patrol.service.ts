import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppError, assertDistrictAccess, AuthenticatedUser, Clock, readableDistrictIds, shanghaiDate } from '@app/core';
import { AuditService } from '@app/auth';
import { isIsoDate } from '@app/grid';
import { PatrolResult, SafetyPatrol } from '../entities/safety-patrol.entity.js';
import { findCommunityRef, findCompanyName } from '../community-lookup.js';
import { PatrolFilter, PatrolRepository, PatrolView } from './patrol.repository.js';

export interface RecordPatrolInput {
  communityId: number;
  /** Defaults to the community's property company. */
  propertyCompanyId?: number;
  patrolledOn: string;
  inspector?: string | null;
  result: PatrolResult;
  issues?: string | null;
  rectifiedOn?: string | null;
  rectificationNote?: string | null;
}

/**
 * Safety patrol records of communities' charging facilities (Jinpu §二(四)(五)): recorded by the office or the
 * community's district, rectification added when the issue is fixed. They feed the property-company rating.
 */
@Injectable()
export class PatrolService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patrols: PatrolRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    user: AuthenticatedUser,
    filter: Omit<PatrolFilter, 'districtIds'> & { districtId?: number },
  ): Promise<{ items: PatrolView[]; total: number }> {
    if (filter.districtId !== undefined) assertDistrictAccess(user, filter.districtId);
    const districtIds = filter.districtId !== undefined ? [filter.districtId] : readableDistrictIds(user);
    return this.patrols.page({ ...filter, districtIds });
  }

  async record(user: AuthenticatedUser, input: RecordPatrolInput): Promise<PatrolView> {
    const today = shanghaiDate(this.clock.now());
    const errors: string[] = [];
    if (!isIsoDate(input.patrolledOn)) errors.push(`巡查日期无效：“${input.patrolledOn}”，应为 YYYY-MM-DD`);
    else if (input.patrolledOn > today) errors.push(`巡查日期 ${input.patrolledOn} 晚于今天，请核对`);
    const issues = input.issues?.trim() || null;
    if (input.result === PatrolResult.IssuesFound && issues === null) errors.push('巡查发现问题时须填写问题描述');
    if (input.result === PatrolResult.NoIssues && issues !== null) errors.push('未发现问题的巡查不应填写问题描述');
    const rectifiedOn = input.rectifiedOn ?? null;
    if (rectifiedOn !== null) {
      errors.push(...this.rectificationErrors(input.result, input.patrolledOn, rectifiedOn, today));
    }
    if (errors.length > 0) throw AppError.validation('巡查记录不正确', errors);

    const id = await this.dataSource
      .transaction(async (manager) => {
        const community = await findCommunityRef(manager, input.communityId);
        if (!community) throw AppError.notFound('社区不存在');
        assertDistrictAccess(user, community.districtId);
        const companyId = input.propertyCompanyId ?? community.propertyCompanyId;
        if (companyId === null) throw AppError.validation('该社区未登记物业服务企业，请指定负责巡查的物业服务企业');
        const companyName = await findCompanyName(manager, companyId);
        if (companyName === null) throw AppError.validation('物业服务企业不存在');
        const saved = await manager.save(
          manager.create(SafetyPatrol, {
            communityId: community.id,
            propertyCompanyId: companyId,
            patrolledOn: input.patrolledOn,
            inspector: input.inspector?.trim() || null,
            result: input.result,
            issues,
            rectifiedOn,
            rectificationNote: rectifiedOn === null ? null : input.rectificationNote?.trim() || null,
            recordedBy: user.id,
          }),
        );
        await this.audit.record(
          user,
          {
            action: 'patrol.record',
            entityType: 'safety_patrol',
            entityId: saved.id,
            districtId: community.districtId,
            after: {
              community: community.name,
              propertyCompany: companyName,
              patrolledOn: input.patrolledOn,
              result: input.result,
              issues,
              rectifiedOn,
            },
          },
          manager,
        );
        return saved.id;
      })
      .catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
          throw AppError.conflict(`该社区 ${input.patrolledOn} 已有巡查记录`);
        }
        throw error;
      });
    return (await this.patrols.view(id))!;
  }

  /** Records that a found issue was fixed. Once recorded, a rectification stands (a correction is a new record). */
  async rectify(
    user: AuthenticatedUser,
    id: number,
    input: { rectifiedOn?: string; note?: string | null },
  ): Promise<PatrolView> {
    await this.dataSource.transaction(async (manager) => {
      const patrol = await manager.findOne(SafetyPatrol, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!patrol) throw AppError.notFound('巡查记录不存在');
      const community = (await findCommunityRef(manager, patrol.communityId))!;
      assertDistrictAccess(user, community.districtId);
      if (patrol.rectifiedOn !== null) throw AppError.conflict(`该隐患已于 ${patrol.rectifiedOn} 登记整改完成`);
      const rectifiedOn = input.rectifiedOn;
      if (rectifiedOn === undefined) throw AppError.validation('请填写整改完成日期');
      const errors = this.rectificationErrors(
        patrol.result,
        patrol.patrolledOn,
        rectifiedOn,
        shanghaiDate(this.clock.now()),
      );
      if (errors.length > 0) throw AppError.validation('整改信息不正确', errors);
      const note = input.note?.trim() || null;
      await manager.update(SafetyPatrol, id, { rectifiedOn, rectificationNote: note });
      await this.audit.record(
        user,
        {
          action: 'patrol.rectify',
          entityType: 'safety_patrol',
          entityId: id,
          districtId: community.districtId,
          before: { rectifiedOn: null },
          after: { rectifiedOn, rectificationNote: note },
        },
        manager,
      );
    });
    return (await this.patrols.view(id))!;
  }

  private rectificationErrors(result: PatrolResult, patrolledOn: string, rectifiedOn: string, today: string): string[] {
    if (result !== PatrolResult.IssuesFound) return ['未发现问题的巡查记录无需登记整改'];
    if (!isIsoDate(rectifiedOn)) return [`整改完成日期无效：“${rectifiedOn}”，应为 YYYY-MM-DD`];
    if (rectifiedOn < patrolledOn) return [`整改完成日期 ${rectifiedOn} 早于巡查日期 ${patrolledOn}`];
    if (rectifiedOn > today) return [`整改完成日期 ${rectifiedOn} 晚于今天，请核对`];
    return [];
  }
}
