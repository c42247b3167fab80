import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { DecideReconciliationBody, ListReconciliationsQuery, ProjectReportsQuery, type DecideReconciliationCommand } from './reconcile-projects.command';
import { ReconcileProjectsHandler } from './reconcile-projects.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller()
export class ReconcileProjectsHttpController {
  constructor(private readonly handler: ReconcileProjectsHandler) {}

  @Get('reconciliations')
  @ApiOperation({
    summary: '疑似重复项目队列 / Suspected duplicate projects',
    description: 'Any signed-in role. Projects of different sources with the same normalised title and institution (NFKC, width, case, whitespace and punctuation folded); filter by status; paged with total.',
  })
  list(@Query({ schema: ListReconciliationsQuery }) query: ListReconciliationsQuery) {
    return this.handler.list(query);
  }

  @Post('reconciliations/:id/confirmation')
  @HttpCode(200)
  @ApiOperation({
    summary: '确认为同一项目 / Confirm: the same project',
    description:
      'Research coordinators (and center admins). pending → confirmed: the duplicate partner project becomes a co-report of the canonical one; its found events are retracted in the KPI (center.event.corrected.v1 from tjc/research-network) with the reason. 409 once decided.',
  })
  confirm(@Param('id') id: string, @Body({ schema: DecideReconciliationBody }) body: DecideReconciliationCommand, @Writer() ctx: WriteContext) {
    return this.handler.confirm(id, body, ctx);
  }

  @Post('reconciliations/:id/rejection')
  @HttpCode(200)
  @ApiOperation({
    summary: '驳回：不是同一项目 / Reject: not the same project',
    description: 'Research coordinators (and center admins). pending → rejected: both count. confirmed → rejected undoes the link: the duplicate’s reports count again (amended with their own data). 409 once rejected.',
  })
  reject(@Param('id') id: string, @Body({ schema: DecideReconciliationBody }) body: DecideReconciliationCommand, @Writer() ctx: WriteContext) {
    return this.handler.reject(id, body, ctx);
  }

  @Get('projects/:id/partner-reports')
  @ApiOperation({
    summary: '合作方报告与共同报告 / Partner reports and co-reports of a project',
    description: 'Any signed-in role. A partner project’s own reports and the co-reports linked to this project (with the link kind), and why a reference was refused.',
  })
  reports(@Param('id') id: string, @Query({ schema: ProjectReportsQuery }) query: ProjectReportsQuery) {
    return this.handler.reports(id, query);
  }
}
