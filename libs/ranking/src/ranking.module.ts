import { Module } from '@nestjs/common';
import { RankingInputsRepository } from './ranking-inputs.repository.js';
import { RankingService } from './ranking.service.js';

@Module({ providers: [RankingInputsRepository, RankingService], exports: [RankingService] })
export class RankingModule {}
