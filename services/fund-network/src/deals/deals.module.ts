import { Module } from '@nestjs/common';
import { InvestmentsModule } from '../investments/investments.module';
import { AuditTrail } from '../shared/audit-trail.service';
import { AdvanceDealHandler } from './advance-deal/advance-deal.handler';
import { AdvanceDealHttpController } from './advance-deal/advance-deal.http.controller';
import { DeclineDealHandler } from './decline-deal/decline-deal.handler';
import { DeclineDealHttpController } from './decline-deal/decline-deal.http.controller';
import { InvestInDealHandler } from './invest-in-deal/invest-in-deal.handler';
import { InvestInDealHttpController } from './invest-in-deal/invest-in-deal.http.controller';
import { OpenDealConsumer } from './open-deal/open-deal.consumer';
import { OpenDealHandler } from './open-deal/open-deal.handler';
import { OpenDealHttpController } from './open-deal/open-deal.http.controller';
import { QueryDealsHandler } from './query-deals/query-deals.handler';
import { QueryDealsHttpController } from './query-deals/query-deals.http.controller';

@Module({
  imports: [InvestmentsModule],
  controllers: [OpenDealHttpController, OpenDealConsumer, AdvanceDealHttpController, DeclineDealHttpController, InvestInDealHttpController, QueryDealsHttpController],
  providers: [OpenDealHandler, AdvanceDealHandler, DeclineDealHandler, InvestInDealHandler, QueryDealsHandler, AuditTrail],
})
export class DealsModule {}
