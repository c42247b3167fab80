import { Controller, Get, Param, Post, Query, Body, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '@tjc/auth';
import { PageQuery } from '../http/pagination';
import { DeadLettersService } from './dead-letters.service';

const ListQuery = PageQuery.extend({ status: z.enum(['pending', 'replayed', 'discarded']).optional() });
const DiscardBody = z.object({ reason: z.string().trim().min(1, 'give a reason').max(2000) });

/** Ops API over this service's dead letters. */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops', 'center-admin')
@Controller('ops/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query({ schema: ListQuery }) query: z.output<typeof ListQuery>) {
    return this.deadLetters.list({ limit: query.limit, offset: query.offset, ...(query.status && { status: query.status }) });
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
