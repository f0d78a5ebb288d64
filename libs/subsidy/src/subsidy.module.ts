import { Module } from '@nestjs/common';
import { SubsidyRepository } from './subsidy.repository.js';
import { SubsidyService } from './subsidy.service.js';
import { SubsidyRoundService } from './subsidy-round.service.js';

@Module({
  providers: [SubsidyRepository, SubsidyService, SubsidyRoundService],
  exports: [SubsidyService, SubsidyRoundService],
})
export class SubsidyModule {}
