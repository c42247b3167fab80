import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EVENTS, toShanghaiIso, type EventData } from '@tjc/contracts';
import { PageQuery } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { judgeCorrection } from '../../kpi/kpi-evaluator';

const ListCorrectionsQuery = PageQuery.extend({
  status: z.enum(['pending', 'accepted', 'unauthorised', 'type-mismatch']).optional(),
});
type ListCorrectionsQuery = z.output<typeof ListCorrectionsQuery>;

@ApiTags('更正 Corrections')
@ApiBearerAuth()
@Controller('kpi/corrections')
export class ListCorrectionsHttpController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: 'Corrections received, newest first: accepted, waiting for their target (pending), or ignored (unauthorised source, type mismatch)' })
  async list(@Query({ schema: ListCorrectionsQuery }) query: ListCorrectionsQuery) {
    const rows = await this.prisma.$queryRaw<{ source: string; id: string; time: Date; received_at: Date; data: EventData<'center.event.corrected.v1'>; target_type: string | null; target_source: string | null }[]>`
      SELECT c.source, c.id, c.time, c.received_at, c.data, t.type AS target_type, t.source AS target_source
      FROM event_archive c LEFT JOIN event_archive t ON t.source = c.target_source AND t.id = c.target_id
      WHERE c.type = ${EVENTS.eventCorrected} ORDER BY c.seq DESC`;
    const items = rows
      .map((r) => ({
        eventId: r.id,
        source: r.source,
        correctionId: r.data.correctionId,
        target: r.data.target,
        action: r.data.action,
        reason: r.data.reason,
        time: toShanghaiIso(r.time),
        receivedAt: r.received_at.toISOString(),
        status: r.target_type === null || r.target_source === null ? 'pending' : judgeCorrection({ source: r.source, target: r.data.target }, { source: r.target_source, type: r.target_type }),
      }))
      .filter((i) => query.status === undefined || i.status === query.status);
    return { items: items.slice(query.offset, query.offset + query.limit), total: items.length, limit: query.limit, offset: query.offset };
  }
}
