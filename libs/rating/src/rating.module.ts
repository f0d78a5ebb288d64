import { Module } from '@nestjs/common';
import { ComplaintRepository } from './complaints/complaint.repository.js';
import { ComplaintService } from './complaints/complaint.service.js';
import { PatrolRepository } from './patrols/patrol.repository.js';
import { PatrolService } from './patrols/patrol.service.js';
import { RatingInputsRepository } from './rounds/rating-inputs.repository.js';
import { RatingService } from './rounds/rating.service.js';

@Module({
  providers: [
    ComplaintRepository,
    ComplaintService,
    PatrolRepository,
    PatrolService,
    RatingInputsRepository,
    RatingService,
  ],
  exports: [ComplaintService, PatrolService, RatingService],
})
export class RatingModule {}
