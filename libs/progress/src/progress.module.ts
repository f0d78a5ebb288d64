import { Module } from '@nestjs/common';
import { PeriodAggregateProcessor } from './period-aggregate.processor.js';
import { ProgressAggregationRepository } from './aggregation/progress-aggregation.repository.js';
import { ProgressAggregationService } from './aggregation/progress-aggregation.service.js';

@Module({
  providers: [PeriodAggregateProcessor, ProgressAggregationRepository, ProgressAggregationService],
  exports: [PeriodAggregateProcessor, ProgressAggregationService],
})
export class ProgressModule {}
