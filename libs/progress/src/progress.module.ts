import { Module } from '@nestjs/common';
import { PeriodAggregateProcessor } from './period-aggregate.processor.js';
import { ProgressAggregationRepository } from './aggregation/progress-aggregation.repository.js';
import { ProgressAggregationService } from './aggregation/progress-aggregation.service.js';
import { ProgressQueryService } from './progress-query.service.js';
import { ProgressCommentService } from './progress-comment.service.js';
import { TargetPlanQueryService } from './target-plan-query.service.js';
import { DistrictTargetService } from './district-target.service.js';

@Module({
  providers: [
    PeriodAggregateProcessor,
    ProgressAggregationRepository,
    ProgressAggregationService,
    ProgressQueryService,
    ProgressCommentService,
    TargetPlanQueryService,
    DistrictTargetService,
  ],
  exports: [
    PeriodAggregateProcessor,
    ProgressAggregationRepository,
    ProgressAggregationService,
    ProgressQueryService,
    ProgressCommentService,
    TargetPlanQueryService,
    DistrictTargetService,
  ],
})
export class ProgressModule {}
