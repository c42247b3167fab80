import { Module } from '@nestjs/common';
import { InvestmentsModule } from '../investments/investments.module';
import { AuditTrail } from '../shared/audit-trail.service';
import { AwardGrantHandler } from './award-grant/award-grant.handler';
import { AwardGrantHttpController } from './award-grant/award-grant.http.controller';
import { CloseGrantHandler } from './close-grant/close-grant.handler';
import { CloseGrantHttpController } from './close-grant/close-grant.http.controller';
import { ConvertGrantHandler } from './convert-grant/convert-grant.handler';
import { ConvertGrantHttpController } from './convert-grant/convert-grant.http.controller';
import { MeetMilestoneHandler } from './meet-milestone/meet-milestone.handler';
import { MeetMilestoneHttpController } from './meet-milestone/meet-milestone.http.controller';
import { QueryGrantsHandler } from './query-grants/query-grants.handler';
import { QueryGrantsHttpController } from './query-grants/query-grants.http.controller';

@Module({
  imports: [InvestmentsModule],
  controllers: [AwardGrantHttpController, MeetMilestoneHttpController, ConvertGrantHttpController, CloseGrantHttpController, QueryGrantsHttpController],
  providers: [AwardGrantHandler, MeetMilestoneHandler, ConvertGrantHandler, CloseGrantHandler, QueryGrantsHandler, AuditTrail],
})
export class GrantsModule {}
