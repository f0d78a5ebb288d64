import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppError,
  assertDistrictAccess,
  AuthenticatedUser,
  Clock,
  readableDistrictIds,
  Role,
  shanghaiDate,
} from '@app/core';
import { AuditService } from '@app/auth';
import { FacilityUsage } from '@app/org';
import { Complaint, ComplaintKind, ComplaintStatus } from '../entities/complaint.entity.js';
import { companyWorksInDistrict, findCommunityRef, findCompanyName } from '../community-lookup.js';
import { isIsoDate } from '@app/grid';
import { ComplaintFilter, ComplaintRepository, ComplaintView } from './complaint.repository.js';

export interface RegisterComplaintInput {
  communityId: number;
  /** Defaults to the community's property company. */
  propertyCompanyId?: number;
  kind: ComplaintKind;
  facilityUsage?: FacilityUsage | null;
  receivedOn: string;
  description: string;
}

export enum ComplaintDecision {
  Confirm = 'confirm',
  Dismiss = 'dismiss',
}

/**
 * Complaints about property companies (Jinpu §二(五)): registered by the office or by the district the community is
 * in, then confirmed or dismissed by the office with its reason. Decisions are final (the database refuses changes).
 */
@Injectable()
export class ComplaintService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    user: AuthenticatedUser,
    filter: Omit<ComplaintFilter, 'districtIds'> & { districtId?: number },
  ): Promise<{ items: ComplaintView[]; total: number }> {
    if (filter.districtId !== undefined) assertDistrictAccess(user, filter.districtId);
    const districtIds = filter.districtId !== undefined ? [filter.districtId] : readableDistrictIds(user);
    return this.complaints.page({ ...filter, districtIds });
  }

  async get(user: AuthenticatedUser, id: number): Promise<ComplaintView> {
    const complaint = await this.complaints.view(id);
    if (!complaint) throw AppError.notFound('投诉不存在');
    if (user.role === Role.District && complaint.districtId !== user.districtId) {
      throw AppError.forbidden('无权访问其他区县的数据');
    }
    return complaint;
  }

  async register(user: AuthenticatedUser, input: RegisterComplaintInput): Promise<ComplaintView> {
    const errors: string[] = [];
    const today = shanghaiDate(this.clock.now());
    if (!isIsoDate(input.receivedOn)) errors.push(`受理日期无效：“${input.receivedOn}”，应为 YYYY-MM-DD`);
    else if (input.receivedOn > today) errors.push(`受理日期 ${input.receivedOn} 晚于今天，请核对`);
    else if (input.receivedOn < '2000-01-01') errors.push('受理日期不能早于 2000-01-01');
    const description = input.description.trim();
    if (description.length < 5) errors.push('投诉内容至少 5 个字');
    const usage = input.facilityUsage ?? null;
    if (input.kind === ComplaintKind.Obstruction && usage === null) {
      errors.push('阻挠类投诉须注明受阻的是公用充电设施还是自用充电设施');
    }
    if (errors.length > 0) throw AppError.validation('投诉信息不正确', errors);

    const id = await this.dataSource.transaction(async (manager) => {
      const community = await findCommunityRef(manager, input.communityId);
      if (!community) throw AppError.notFound('社区不存在');
      // SPEC: a district user sees and changes only its own district.
      assertDistrictAccess(user, community.districtId);
      const companyId = input.propertyCompanyId ?? community.propertyCompanyId;
      if (companyId === null) {
        throw AppError.validation('该社区未登记物业服务企业，请指定被投诉的物业服务企业');
      }
      const companyName = await findCompanyName(manager, companyId);
      if (companyName === null) throw AppError.validation('物业服务企业不存在');
      if (
        user.role === Role.District &&
        companyId !== community.propertyCompanyId &&
        !(await companyWorksInDistrict(manager, companyId, community.districtId))
      ) {
        throw AppError.forbidden('只能登记本区县在管物业服务企业的投诉');
      }
      const saved = await manager.save(
        manager.create(Complaint, {
          propertyCompanyId: companyId,
          communityId: community.id,
          districtId: community.districtId,
          kind: input.kind,
          facilityUsage: usage,
          receivedOn: input.receivedOn,
          description,
          status: ComplaintStatus.Registered,
          registeredBy: user.id,
        }),
      );
      await this.audit.record(
        user,
        {
          action: 'complaint.register',
          entityType: 'complaint',
          entityId: saved.id,
          districtId: community.districtId,
          after: {
            propertyCompany: companyName,
            community: community.name,
            kind: input.kind,
            facilityUsage: usage,
            receivedOn: input.receivedOn,
            description,
          },
        },
        manager,
      );
      return saved.id;
    });
    return (await this.complaints.view(id))!;
  }

  /** The office's decision, with its reason. A decided complaint is not decided again. */
  async decide(
    user: AuthenticatedUser,
    id: number,
    decision: ComplaintDecision,
    reason: string,
  ): Promise<ComplaintView> {
    if (user.role !== Role.Office) throw AppError.forbidden('只有市发展改革委可以认定投诉');
    const note = reason.trim();
    if (note.length < 2) throw AppError.validation('请填写认定理由（至少 2 个字）');
    await this.dataSource.transaction(async (manager) => {
      const complaint = await manager.findOne(Complaint, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!complaint) throw AppError.notFound('投诉不存在');
      if (complaint.status !== ComplaintStatus.Registered) {
        throw AppError.conflict(
          `该投诉已于 ${shanghaiDate(complaint.decidedAt!)} ${complaint.status === ComplaintStatus.Confirmed ? '认定属实' : '认定不属实'}，不能再次处理`,
        );
      }
      const status = decision === ComplaintDecision.Confirm ? ComplaintStatus.Confirmed : ComplaintStatus.Dismissed;
      const decidedAt = this.clock.now();
      await manager.update(Complaint, id, { status, decidedBy: user.id, decidedAt, decisionNote: note });
      await this.audit.record(
        user,
        {
          action: decision === ComplaintDecision.Confirm ? 'complaint.confirm' : 'complaint.dismiss',
          entityType: 'complaint',
          entityId: id,
          districtId: complaint.districtId,
          before: { status: complaint.status },
          after: { status, decisionNote: note },
        },
        manager,
      );
    });
    return (await this.complaints.view(id))!;
  }
}
