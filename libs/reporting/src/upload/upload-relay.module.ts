import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ReportingModule } from '../reporting.module.js';
import { UploadRelayScheduler } from './upload-relay.scheduler.js';

/** The upload outbox relay, for whichever process schedules: apps/worker, or the API in the in-process mode. */
@Module({
  imports: [ScheduleModule.forRoot(), ReportingModule],
  providers: [UploadRelayScheduler],
})
export class UploadRelayModule {}
