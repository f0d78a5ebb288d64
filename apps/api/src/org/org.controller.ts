import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, Role, shanghaiDate } from '@app/core';
import { CurrentUser, Roles } from '@app/auth';
import { Community, OrgService } from '@app/org';
import { ProgressQueryService } from '@app/progress';
import {
  CommunityDetailDto,
  CommunityPageDto,
  CommunityPageQueryDto,
  CommunitySummaryDto,
  DistrictDto,
} from './org.dto.js';

@ApiTags('组织与社区')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly progress: ProgressQueryService,
  ) {}

  @Get('districts')
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiOperation({ summary: '区县列表（含试点档次）' })
  @ApiOkResponse({ type: [DistrictDto] })
  async districts(): Promise<DistrictDto[]> {
    const districts = await this.org.listDistricts();
    return districts.map(({ id, code, name, tier, kind }) => ({ id, code, name, tier, kind }));
  }

  @Get('communities')
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiOperation({ summary: '社区分页查询（区县用户仅本区县），含当日的建设条件与覆盖情况' })
  @ApiOkResponse({ type: CommunityPageDto })
  async communities(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CommunityPageQueryDto,
  ): Promise<CommunityPageDto> {
    const { items, total } = await this.org.pageCommunities(user, {
      districtId: query.districtId,
      search: query.q?.trim() || undefined,
      page: query.page,
      pageSize: query.pageSize,
    });
    const standings = await this.progress.communityStandings(
      items.map((c) => c.id),
      shanghaiDate(new Date()),
    );
    return {
      items: items.map((c) => ({
        ...toSummary(c),
        ...(standings.get(c.id) ?? { eligible: null, coveredBy: null, publicPiles: 0 }),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  @Get('communities/:id')
  @Roles(Role.Office, Role.District, Role.Leader)
  @ApiOperation({ summary: '社区详情：建设条件历史与充电设施' })
  @ApiOkResponse({ type: CommunityDetailDto })
  async community(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<CommunityDetailDto> {
    const { community, eligibilityHistory, facilities } = await this.org.communityDetail(user, id);
    return {
      ...toSummary(community),
      districtName: community.district?.name ?? '',
      eligibilityHistory: eligibilityHistory.map((e) => ({
        effectiveFrom: e.effectiveFrom,
        residentDemand: e.residentDemand,
        parkingAvailable: e.parkingAvailable,
        capacitySufficient: e.capacitySufficient,
        capacitySolutionAgreed: e.capacitySolutionAgreed,
        fireSafetyRequired: e.fireSafetyRequired,
        fireSafetyComplete: e.fireSafetyComplete,
        eligible: e.eligible,
        ineligibleReason: e.ineligibleReason,
      })),
      facilities: facilities.map((f) => ({
        id: f.id,
        code: f.code,
        name: f.name,
        usage: f.usage,
        operatorName: f.operator?.name ?? null,
        acPiles: f.acPiles,
        dcPiles: f.dcPiles,
        totalKw: f.totalKw,
        acceptedOn: f.acceptedOn,
        platformConnectedOn: f.platformConnectedOn,
        retiredOn: f.retiredOn,
      })),
    };
  }
}

function toSummary(c: Community): CommunitySummaryDto {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    districtId: c.districtId,
    streetName: c.street?.name ?? null,
    address: c.address,
    garageType: c.garageType,
    renovationYear: c.renovationYear,
    propertyCompanyName: c.propertyCompany?.name ?? null,
  };
}
