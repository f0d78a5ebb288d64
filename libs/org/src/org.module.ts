import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { District } from './entities/district.entity.js';
import { Community } from './entities/community.entity.js';
import { CommunityEligibility } from './entities/community-eligibility.entity.js';
import { Facility } from './entities/facility.entity.js';
import { OrgRepository } from './org.repository.js';
import { OrgService } from './org.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([District, Community, CommunityEligibility, Facility])],
  providers: [OrgRepository, OrgService],
  exports: [OrgService, OrgRepository],
})
export class OrgModule {}
