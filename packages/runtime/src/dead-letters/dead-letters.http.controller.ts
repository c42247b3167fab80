import { Controller, Get, Param, Post, Query, Body, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '@tjc/auth';
import { FAILURE_KINDS } from '../consumer/errors';
import { PageQuery } from '../http/pagination';
import { DeadLettersService, MAX_BULK } from './dead-letters.service';

const text = (max: number) => z.string().trim().min(1).max(max);
/** The list's filters; a bulk action's `filter` is the same without `status` (it acts on pending ones). */
const Filter = z.object({
  eventType: text(200).optional(),
  errorKind: z.enum(FAILURE_KINDS).optional(),
  source: text(200).optional(),
  /** Text in the error message (the first or the latest). */
  q: text(200).optional(),
});
export const ListQuery = PageQuery.extend({ status: z.enum(['pending', 'replayed', 'discarded']).optional(), ...Filter.shape });
const Reason = z.string().trim().min(1, 'give a reason').max(2000);
const DiscardBody = z.object({ reason: Reason });
// Either field names the dead letters, never both: a refinement (below) keeps the error on the field, which a
// JSON Schema oneOf would lose; the descriptions say it, and the endpoint fuzz reads them as a documented rule.
const BulkTarget = z.object({
  ids: z
    .array(z.uuid('must be a dead letter id'))
    .min(1)
    .max(MAX_BULK, `at most ${MAX_BULK} ids per call`)
    .optional()
    .meta({ description: `这些死信（与 filter 二选一，最多 ${MAX_BULK} 条） / These dead letters: either ids or filter, not both (at most ${MAX_BULK})` }),
  filter: Filter.strict()
    .optional()
    .meta({ description: `符合条件的待处理死信（与 ids 二选一，最多 ${MAX_BULK} 条） / The pending dead letters that match: either ids or filter, not both (at most ${MAX_BULK})` }),
});
const eitherIdsOrFilter = (b: z.output<typeof BulkTarget>) => (b.ids === undefined) !== (b.filter === undefined);
const either = { message: 'give either ids or filter (not both)', path: ['ids'] };
export const BulkReplayBody = BulkTarget.refine(eitherIdsOrFilter, either);
export const BulkDiscardBody = BulkTarget.extend({ reason: Reason }).refine(eitherIdsOrFilter, either);

const targetOf = (b: z.output<typeof BulkTarget>) => (b.ids ? { ids: b.ids } : { filter: b.filter ?? {} });

/** Ops API over this service's dead letters. */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops', 'center-admin')
@Controller('ops/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query({ schema: ListQuery }) query: z.output<typeof ListQuery>) {
    return this.deadLetters.list(query);
  }

  /** Replays the given pending dead letters, or every pending one the filter matches (at most 500), each audited. */
  @Post('replay')
  replayMany(@Body({ schema: BulkReplayBody }) body: z.output<typeof BulkReplayBody>, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.deadLetters.replayMany(targetOf(body), actorOf(who), req.id);
  }

  /** Discards the given pending dead letters, or every pending one the filter matches (at most 500), with one reason, each audited. */
  @Post('discard')
  discardMany(@Body({ schema: BulkDiscardBody }) body: z.output<typeof BulkDiscardBody>, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.deadLetters.discardMany(targetOf(body), actorOf(who), body.reason, req.id);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.deadLetters.get(id);
  }

  @Post(':id/replay')
  replay(@Param('id') id: string, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.deadLetters.replay(id, actorOf(who), req.id);
  }

  @Post(':id/discard')
  discard(@Param('id') id: string, @Body({ schema: DiscardBody }) body: z.output<typeof DiscardBody>, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.deadLetters.discard(id, actorOf(who), body.reason, req.id);
  }
}
