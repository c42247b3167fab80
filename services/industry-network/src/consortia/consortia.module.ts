import { Module } from '@nestjs/common';
import { ConcludeConsortiumHandler } from './conclude-consortium/conclude-consortium.handler';
import { ConcludeConsortiumHttpController } from './conclude-consortium/conclude-consortium.http.controller';
import { ConfirmProposalHandler } from './confirm-proposal/confirm-proposal.handler';
import { ConfirmProposalHttpController } from './confirm-proposal/confirm-proposal.http.controller';
import { FormConsortiumHandler } from './form-consortium/form-consortium.handler';
import { FormConsortiumHttpController } from './form-consortium/form-consortium.http.controller';
import { ReadConsortiaHandler } from './read-consortia/read-consortia.handler';
import { ReadConsortiaHttpController } from './read-consortia/read-consortia.http.controller';
import { RecordMilestoneHandler } from './record-milestone/record-milestone.handler';
import { RecordMilestoneHttpController } from './record-milestone/record-milestone.http.controller';
import { BackfillPartnerStatements } from './record-partner-consortium/backfill-partner-statements.service';
import { RecordPartnerConsortiumConsumer } from './record-partner-consortium/record-partner-consortium.consumer';

@Module({
  controllers: [
    FormConsortiumHttpController,
    ConfirmProposalHttpController,
    RecordMilestoneHttpController,
    ConcludeConsortiumHttpController,
    ReadConsortiaHttpController,
    RecordPartnerConsortiumConsumer,
  ],
  providers: [FormConsortiumHandler, ConfirmProposalHandler, RecordMilestoneHandler, ConcludeConsortiumHandler, ReadConsortiaHandler, BackfillPartnerStatements],
})
export class ConsortiaModule {}
