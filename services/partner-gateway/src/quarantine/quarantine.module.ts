import { Module } from '@nestjs/common';
import { QueryQuarantineHandler } from './query-quarantine/query-quarantine.handler';
import { QueryQuarantineHttpController } from './query-quarantine/query-quarantine.http.controller';
import { ResolveQuarantineHandler } from './resolve-quarantine/resolve-quarantine.handler';
import { ResolveQuarantineHttpController } from './resolve-quarantine/resolve-quarantine.http.controller';
import { SweepDeadLettersService } from './sweep-dead-letters/sweep-dead-letters.service';

/** Refused partner input, for coordinators to inspect and the center to resolve. */
@Module({
  controllers: [QueryQuarantineHttpController, ResolveQuarantineHttpController],
  providers: [QueryQuarantineHandler, ResolveQuarantineHandler, SweepDeadLettersService],
  exports: [SweepDeadLettersService],
})
export class QuarantineModule {}
