import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrailService } from '../../common/audit-trail.service';
import { ListEnrolmentsQuery, ListSessionsQuery, PersonTimesQuery } from './query-sessions.command';
import { QuerySessionsHandler } from './query-sessions.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller()
export class QuerySessionsHttpController {
  constructor(
    private readonly handler: QuerySessionsHandler,
    private readonly audit: AuditTrailService,
  ) {}

  @Get('training-sessions')
  @ApiOperation({ summary: '培训班次列表 / List training sessions' })
  list(@Query({ schema: ListSessionsQuery }) query: ListSessionsQuery) {
    return this.handler.list(query);
  }

  @Get('training-sessions/:id')
  @ApiOperation({ summary: '培训班次详情（含报名、结业人次） / One session with enrolment counts' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get('training-sessions/:id/enrolments')
  @ApiOperation({ summary: '班次报名名单 / Enrolments of a session' })
  enrolments(@Param('id') id: string, @Query({ schema: ListEnrolmentsQuery }) query: ListEnrolmentsQuery) {
    return this.handler.enrolments(id, query);
  }

  @Get('training-sessions/:id/audit')
  @ApiOperation({ summary: '审计记录 / Audit trail' })
  async auditTrail(@Param('id') id: string) {
    await this.handler.get(id);
    return this.audit.of('training-session', id);
  }

  @Get('training-person-times')
  @ApiOperation({ summary: '年度培训人次（按课程类型、联合办班地区） / Person-times trained in a year' })
  personTimes(@Query({ schema: PersonTimesQuery }) query: PersonTimesQuery) {
    return this.handler.personTimes(query);
  }
}
