import { Module } from '@nestjs/common';
import { ApplyToChallengeHandler } from './apply-to-challenge/apply-to-challenge.handler';
import { ApplyToChallengeHttpController } from './apply-to-challenge/apply-to-challenge.http.controller';
import { AwardChallengeHandler } from './award-challenge/award-challenge.handler';
import { AwardChallengeHttpController } from './award-challenge/award-challenge.http.controller';
import { CancelChallengeHandler } from './cancel-challenge/cancel-challenge.handler';
import { CancelChallengeHttpController } from './cancel-challenge/cancel-challenge.http.controller';
import { PublishChallengeHandler } from './publish-challenge/publish-challenge.handler';
import { PublishChallengeHttpController } from './publish-challenge/publish-challenge.http.controller';
import { ReadChallengesHandler } from './read-challenges/read-challenges.handler';
import { ReadChallengesHttpController } from './read-challenges/read-challenges.http.controller';

@Module({
  controllers: [PublishChallengeHttpController, ApplyToChallengeHttpController, AwardChallengeHttpController, CancelChallengeHttpController, ReadChallengesHttpController],
  providers: [PublishChallengeHandler, ApplyToChallengeHandler, AwardChallengeHandler, CancelChallengeHandler, ReadChallengesHandler],
})
export class ChallengesModule {}
