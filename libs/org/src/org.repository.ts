import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import { District } from './entities/district.entity.js';
import { Community } from './entities/community.entity.js';
import { CommunityEligibility } from './entities/community-eligibility.entity.js';
import { Facility } from './entities/facility.entity.js';

export interface CommunityPageQuery {
  /** null: every district. */
  districtIds: number[] | null;
  search?: string;
  page: number;
  pageSize: number;
}

/** Queries of the organisation register; no rules here (STYLE habit 2). */
@Injectable()
export class OrgRepository {
  constructor(
    @InjectRepository(District) private readonly districts: Repository<District>,
    @InjectRepository(Community) private readonly communities: Repository<Community>,
    @InjectRepository(CommunityEligibility) private readonly eligibility: Repository<CommunityEligibility>,
    @InjectRepository(Facility) private readonly facilities: Repository<Facility>,
  ) {}

  listDistricts(): Promise<District[]> {
    return this.districts.find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  findDistrict(id: number): Promise<District | null> {
    return this.districts.findOne({ where: { id } });
  }

  async pageCommunities(query: CommunityPageQuery): Promise<{ items: Community[]; total: number }> {
    const builder = this.communities
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.street', 's')
      .leftJoinAndSelect('c.propertyCompany', 'pc')
      .orderBy('c.code', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (query.districtIds) builder.andWhere('c.districtId IN (:...ids)', { ids: query.districtIds });
    if (query.search) {
      const like = `%${query.search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      builder.andWhere(
        new Brackets((b) => b.where('c.name ILIKE :like', { like }).orWhere('c.code ILIKE :like', { like })),
      );
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /** `districtIds`: the reader's scope (null = every district), applied in the query. */
  findCommunity(id: number, districtIds: number[] | null): Promise<Community | null> {
    return this.communities.findOne({
      where: { id, ...(districtIds ? { districtId: In(districtIds) } : {}) },
      relations: { street: true, propertyCompany: true, district: true },
    });
  }

  async communityExists(id: number): Promise<boolean> {
    return (await this.communities.count({ where: { id } })) > 0;
  }

  eligibilityHistory(communityId: number): Promise<CommunityEligibility[]> {
    return this.eligibility.find({ where: { communityId }, order: { effectiveFrom: 'ASC' } });
  }

  facilitiesOf(communityIds: number[]): Promise<Facility[]> {
    if (communityIds.length === 0) return Promise.resolve([]);
    return this.facilities.find({
      where: { communityId: In(communityIds) },
      relations: { operator: true },
      order: { code: 'ASC' },
    });
  }
}
