import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrailService } from '../../common/audit-trail.service';
import { toDbDate } from '../../common/business-time';
import { notFound } from '../../common/concurrency';
import type { PageResult } from '../../common/list-query';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { ACTIVITY_LABEL, toActivityView, type ActivityView } from '../activity.view';
import { ListActivitiesQuery } from './query-activities.command';

const NULLABLE_SORT_FIELDS = new Set(['heldOn', 'participants', 'pairsMatched']);

/** Unheld activities have no heldOn/participants: keep them after the held ones in either direction. */
function orderOf(sort: ListActivitiesQuery['sort']): Prisma.ActivityOrderByWithRelationInput {
  // Prisma accepts `nulls` only on nullable columns.
  return { [sort.field]: NULLABLE_SORT_FIELDS.has(sort.field) ? { sort: sort.direction, nulls: 'last' } : sort.direction };
}

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class QueryActivitiesHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '活动列表 / List activities' })
  async list(@Query({ schema: ListActivitiesQuery }) query: ListActivitiesQuery): Promise<PageResult<ActivityView>> {
    const where: Prisma.ActivityWhereInput = {
      ...(query.status !== undefined && { status: query.status }),
      ...(query.type !== undefined && { type: query.type }),
      ...(query.partnerRegion !== undefined && { partnerRegions: { has: query.partnerRegion } }),
      ...((query.from !== undefined || query.to !== undefined) && {
        plannedOn: { ...(query.from !== undefined && { gte: toDbDate(query.from) }), ...(query.to !== undefined && { lte: toDbDate(query.to) }) },
      }),
      ...(query.q !== undefined && { OR: [{ title: { contains: query.q, mode: 'insensitive' } }, { place: { contains: query.q, mode: 'insensitive' } }] }),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.activity.findMany({
        where,
        orderBy: [orderOf(query.sort), { id: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      this.prisma.activity.count({ where }),
    ]);
    return { items: rows.map(toActivityView), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: '活动详情 / One activity' })
  async get(@Param('id') id: string): Promise<ActivityView> {
    const row = await this.prisma.activity.findUnique({ where: { id } });
    if (!row) throw notFound(ACTIVITY_LABEL, id);
    return toActivityView(row);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '审计记录 / Audit trail' })
  async auditTrail(@Param('id') id: string) {
    await this.get(id);
    return this.audit.of('activity', id);
  }
}
