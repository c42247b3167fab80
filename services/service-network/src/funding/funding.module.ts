import { Module } from '@nestjs/common';
import { ApplyForFundingHandler } from './apply-for-funding/apply-for-funding.handler';
import { ApplyForFundingHttpController } from './apply-for-funding/apply-for-funding.http.controller';
import { DecideFundingApplicationHandler } from './decide-funding-application/decide-funding-application.handler';
import { DecideFundingApplicationHttpController } from './decide-funding-application/decide-funding-application.http.controller';
import { QueryFundingApplicationsHandler } from './query-funding-applications/query-funding-applications.handler';
import { QueryFundingApplicationsHttpController } from './query-funding-applications/query-funding-applications.http.controller';
import { ReviewFundingApplicationHandler } from './review-funding-application/review-funding-application.handler';
import { ReviewFundingApplicationHttpController } from './review-funding-application/review-funding-application.http.controller';

/** 专项资金: expert-reviewed special funding for landed transfers. */
@Module({
  controllers: [QueryFundingApplicationsHttpController, ApplyForFundingHttpController, ReviewFundingApplicationHttpController, DecideFundingApplicationHttpController],
  providers: [QueryFundingApplicationsHandler, ApplyForFundingHandler, ReviewFundingApplicationHandler, DecideFundingApplicationHandler],
})
export class FundingModule {}
