import { Module } from '@nestjs/common';
import { AuditTrail } from '../shared/audit-trail.service';
import { AddSubFundHandler } from './add-sub-fund/add-sub-fund.handler';
import { AddSubFundHttpController } from './add-sub-fund/add-sub-fund.http.controller';
import { QueryFundsHandler } from './query-funds/query-funds.handler';
import { QueryFundsHttpController } from './query-funds/query-funds.http.controller';
import { RegisterFundHandler } from './register-fund/register-fund.handler';
import { RegisterFundHttpController } from './register-fund/register-fund.http.controller';
import { UpdateFundHandler } from './update-fund/update-fund.handler';
import { UpdateFundHttpController } from './update-fund/update-fund.http.controller';

@Module({
  controllers: [RegisterFundHttpController, UpdateFundHttpController, AddSubFundHttpController, QueryFundsHttpController],
  providers: [RegisterFundHandler, UpdateFundHandler, AddSubFundHandler, QueryFundsHandler, AuditTrail],
})
export class FundsModule {}
