import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrailService } from '../../common/audit-trail.service';
import { notFound } from '../../common/concurrency';
import type { PageResult } from '../../common/list-query';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { COURSE_LABEL, toCourseView, type CourseView } from '../training.view';
import { ListCoursesQuery } from './query-courses.command';

/** Reads only: small enough that a separate handler class would add nothing. */
@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('courses')
export class QueryCoursesHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '培训课程列表 / List courses' })
  async list(@Query({ schema: ListCoursesQuery }) query: ListCoursesQuery): Promise<PageResult<CourseView>> {
    const where: Prisma.CourseWhereInput = {
      ...(query.type !== undefined && { type: query.type }),
      ...(query.q !== undefined && { title: { contains: query.q, mode: 'insensitive' } }),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.course.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], skip: query.offset, take: query.limit }),
      this.prisma.course.count({ where }),
    ]);
    return { items: rows.map(toCourseView), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: '培训课程详情 / One course' })
  async get(@Param('id') id: string): Promise<CourseView> {
    const row = await this.prisma.course.findUnique({ where: { id } });
    if (!row) throw notFound(COURSE_LABEL, id);
    return toCourseView(row);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '审计记录 / Audit trail' })
  async auditTrail(@Param('id') id: string) {
    await this.get(id);
    return this.audit.of('course', id);
  }
}
