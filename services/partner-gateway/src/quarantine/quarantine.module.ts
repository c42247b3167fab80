import { DEAD_LETTER_HOOK, type DeadLetterHook } from '@tjc/runtime';
import { Module } from '@nestjs/common';
import { QueryQuarantineHandler } from './query-quarantine/query-quarantine.handler';
import { QueryQuarantineHttpController } from './query-quarantine/query-quarantine.http.controller';
import { ResolveQuarantineHandler } from './resolve-quarantine/resolve-quarantine.handler';
import { ResolveQuarantineHttpController } from './resolve-quarantine/resolve-quarantine.http.controller';
import { SweepDeadLettersService } from './sweep-dead-letters/sweep-dead-letters.service';

/** Refused partner input, for coordinators to inspect and the center to resolve. */
@Module({
  controllers: [QueryQuarantineHttpController, ResolveQuarantineHttpController],
  providers: [
    QueryQuarantineHandler,
    ResolveQuarantineHandler,
    SweepDeadLettersService,
    // Quarantine a dead-lettered partner event at once instead of on the next sweep.
    { provide: DEAD_LETTER_HOOK, inject: [SweepDeadLettersService], useFactory: (sweeper: SweepDeadLettersService): DeadLetterHook => ({ onDeadLetter: async () => void (await sweeper.sweep()) }) },
  ],
  exports: [SweepDeadLettersService],
})
export class QuarantineModule {}
