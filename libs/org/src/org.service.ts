import { Injectable } from '@nestjs/common';
import { AppError, assertDistrictAccess, AuthenticatedUser, readableDistrictIds } from '@app/core';
import { OrgRepository } from './org.repository.js';
import { District } from './entities/district.entity.js';
import { Community } from './entities/community.entity.js';
import { CommunityEligibility } from './entities/community-eligibility.entity.js';
import { Facility } from './entities/facility.entity.js';

export interface CommunityDetail {
  community: Community;
  eligibilityHistory: CommunityEligibility[];
  facilities: Facility[];
}

/** Reads of the register, with the district scope applied here rather than in controllers. */
@Injectable()
export class OrgService {
  constructor(private readonly repository: OrgRepository) {}

  listDistricts(): Promise<District[]> {
    return this.repository.listDistricts();
  }

  async pageCommunities(
    user: AuthenticatedUser,
    filter: { districtId?: number; search?: string; page: number; pageSize: number },
  ): Promise<{ items: Community[]; total: number }> {
    if (filter.districtId !== undefined) assertDistrictAccess(user, filter.districtId);
    const districtIds = filter.districtId !== undefined ? [filter.districtId] : readableDistrictIds(user);
    return this.repository.pageCommunities({
      districtIds,
      search: filter.search,
      page: filter.page,
      pageSize: filter.pageSize,
    });
  }

  async communityDetail(user: AuthenticatedUser, communityId: number): Promise<CommunityDetail> {
    const community = await this.repository.findCommunity(communityId, readableDistrictIds(user));
    if (!community) {
      throw (await this.repository.communityExists(communityId))
        ? AppError.forbidden('无权访问其他区县的数据')
        : AppError.notFound('社区不存在');
    }
    const [eligibilityHistory, facilities] = await Promise.all([
      this.repository.eligibilityHistory(communityId),
      this.repository.facilitiesOf([communityId]),
    ]);
    return { community, eligibilityHistory, facilities };
  }
}
