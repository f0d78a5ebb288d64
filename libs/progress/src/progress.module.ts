import { Module } from '@nestjs/common';
import { PeriodAggregateProcessor } from './period-aggregate.processor.js';

@Module({ providers: [PeriodAggregateProcessor], exports: [PeriodAggregateProcessor] })
export class ProgressModule {}
