import { Module } from '@nestjs/common';
import { ListCorrectionsHttpController } from './list-corrections/list-corrections.http.controller';
import { SubmitCorrectionHandler } from './submit-correction/submit-correction.handler';
import { SubmitCorrectionHttpController } from './submit-correction/submit-correction.http.controller';

/** The center retracts or amends events; the KPI engine applies corrections when it consumes them. */
@Module({
  controllers: [ListCorrectionsHttpController, SubmitCorrectionHttpController],
  providers: [SubmitCorrectionHandler],
})
export class CorrectionsModule {}
