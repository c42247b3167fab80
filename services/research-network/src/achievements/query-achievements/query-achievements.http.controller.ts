import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { z } from 'zod';
import { AuditTrailService } from '../../common/audit-trail.service';
import { SearchAchievementsQuery } from './query-achievements.command';
import { QueryAchievementsHandler } from './query-achievements.handler';

@ApiTags('achievements 成果供给清单')
@ApiBearerAuth()
@Controller('achievements')
export class QueryAchievementsHttpController {
  constructor(
    private readonly handler: QueryAchievementsHandler,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '检索供给清单 / Search the supply list', description: 'Any signed-in role. Filter by field, owner region, status, source; text search; sort; page.' })
  search(@Query({ schema: SearchAchievementsQuery }) query: SearchAchievementsQuery) {
    return this.handler.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '成果详情 / One achievement, with its transfers' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '成果审计记录 / Audit trail of an achievement' })
  async trail(@Param('id') id: string, @Query({ schema: PageQuery }) query: z.output<typeof PageQuery>) {
    await this.handler.get(id);
    return this.audit.trail('achievement', id, query.limit, query.offset);
  }
}
