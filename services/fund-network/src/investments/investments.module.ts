import { Module } from '@nestjs/common';
import { AuditTrail } from '../shared/audit-trail.service';
import { QueryInvestmentsHandler } from './query-investments/query-investments.handler';
import { QueryInvestmentsHttpController } from './query-investments/query-investments.http.controller';
import { RecordInvestmentHandler } from './record-investment/record-investment.handler';

/** Exports RecordInvestmentHandler: deals and grants both end in an investment. */
@Module({
  controllers: [QueryInvestmentsHttpController],
  providers: [QueryInvestmentsHandler, RecordInvestmentHandler, AuditTrail],
  exports: [RecordInvestmentHandler],
})
export class InvestmentsModule {}
