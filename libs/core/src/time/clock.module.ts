import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock.js';

/** The system clock for every process; tests override Clock with a fake. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
