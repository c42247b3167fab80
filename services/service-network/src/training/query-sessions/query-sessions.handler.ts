import { Injectable } from '@nestjs/common';
import { CourseType, type Region } from '@tjc/contracts';
import { toDbDate } from '../../common/business-time';
import { notFound } from '../../common/concurrency';
import type { PageResult } from '../../common/list-query';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { enrolmentCounts, SESSION_INCLUDE, SESSION_LABEL, toEnrolmentView, toSessionView, type EnrolmentView, type SessionView } from '../training.view';
import type { ListEnrolmentsQuery, ListSessionsQuery, PersonTimesQuery } from './query-sessions.command';

export interface PersonTimesReport {
  readonly year: number;
  /** Completed enrolments whose completion date falls in the year (人次). */
  readonly personTimes: number;
  readonly byCourseType: readonly { readonly courseType: CourseType; readonly label: string; readonly personTimes: number }[];
  readonly byPartnerRegion: readonly { readonly partnerRegion: Region | null; readonly personTimes: number }[];
}

@Injectable()
export class QuerySessionsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListSessionsQuery): Promise<PageResult<SessionView>> {
    const where: Prisma.TrainingSessionWhereInput = {
      ...(query.status !== undefined && { status: query.status }),
      ...(query.courseId !== undefined && { courseId: query.courseId }),
      ...(query.courseType !== undefined && { course: { type: query.courseType } }),
      ...(query.partnerRegion !== undefined && { partnerRegion: query.partnerRegion }),
      ...((query.startsFrom !== undefined || query.startsTo !== undefined) && {
        startsOn: { ...(query.startsFrom !== undefined && { gte: toDbDate(query.startsFrom) }), ...(query.startsTo !== undefined && { lte: toDbDate(query.startsTo) }) },
      }),
      ...(query.q !== undefined && { title: { contains: query.q, mode: 'insensitive' } }),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.trainingSession.findMany({ where, include: SESSION_INCLUDE, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], skip: query.offset, take: query.limit }),
      this.prisma.trainingSession.count({ where }),
    ]);
    const counts = await enrolmentCounts(this.prisma, rows.map((r) => r.id));
    return { items: rows.map((r) => toSessionView(r, counts.get(r.id)!)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<SessionView> {
    const row = await this.prisma.trainingSession.findUnique({ where: { id }, include: SESSION_INCLUDE });
    if (!row) throw notFound(SESSION_LABEL, id);
    const counts = await enrolmentCounts(this.prisma, [id]);
    return toSessionView(row, counts.get(id)!);
  }

  async enrolments(sessionId: string, query: ListEnrolmentsQuery): Promise<PageResult<EnrolmentView>> {
    await this.get(sessionId);
    const where: Prisma.EnrolmentWhereInput = {
      sessionId,
      ...(query.status !== undefined && { status: query.status }),
      ...(query.q !== undefined && { OR: [{ traineeName: { contains: query.q, mode: 'insensitive' } }, { organisation: { contains: query.q, mode: 'insensitive' } }] }),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.enrolment.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], skip: query.offset, take: query.limit }),
      this.prisma.enrolment.count({ where }),
    ]);
    return { items: rows.map(toEnrolmentView), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Person-times of a calendar year, per completed enrolment (a person with
   * two courses counts twice). `completed_on` is already a Shanghai date, so
   * the year boundary needs no time-zone arithmetic here.
   */
  async personTimes(query: PersonTimesQuery): Promise<PersonTimesReport> {
    const from = toDbDate(`${query.year}-01-01`);
    const to = toDbDate(`${query.year + 1}-01-01`);
    const rows = await this.prisma.$queryRaw<{ course_type: string; partner_region: string | null; n: number }[]>`
      SELECT c.type AS course_type, s.partner_region, count(*)::int AS n
        FROM enrolment e
        JOIN training_session s ON s.id = e.session_id
        JOIN course c ON c.id = s.course_id
       WHERE e.status = 'completed' AND e.completed_on >= ${from} AND e.completed_on < ${to}
       GROUP BY c.type, s.partner_region`;
    const byType = new Map<CourseType, number>();
    const byRegion = new Map<Region | null, number>();
    for (const r of rows) {
      const type = CourseType.schema.parse(r.course_type);
      byType.set(type, (byType.get(type) ?? 0) + r.n);
      const region = r.partner_region as Region | null;
      byRegion.set(region, (byRegion.get(region) ?? 0) + r.n);
    }
    return {
      year: query.year,
      personTimes: rows.reduce((sum, r) => sum + r.n, 0),
      byCourseType: [...byType].map(([courseType, personTimes]) => ({ courseType, label: CourseType.label(courseType), personTimes })),
      byPartnerRegion: [...byRegion].map(([partnerRegion, personTimes]) => ({ partnerRegion, personTimes })),
    };
  }
}
