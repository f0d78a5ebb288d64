import { Module } from '@nestjs/common';
import { PeriodAggregateProcessor } from './period-aggregate.processor.js';
import { ProgressAggregationRepository } from './aggregation/progress-aggregation.repository.js';
import { ProgressAggregationService } from './aggregation/progress-aggregation.service.js';
import { ProgressQueryService } from './progress-query.service.js';

@Module({
  providers: [
    PeriodAggregateProcessor,
    ProgressAggregationRepository,
    ProgressAggregationService,
    ProgressQueryService,
  ],
  exports: [PeriodAggregateProcessor, ProgressAggregationRepository, ProgressAggregationService, ProgressQueryService],
})
export class ProgressModule {}
