import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrailService } from '../../common/audit-trail.service';
import { notFound } from '../../common/concurrency';
import type { PageResult } from '../../common/list-query';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { MEMBER_LABEL, toMemberView, type MemberView } from '../member.view';
import { ListMembersQuery } from './query-members.command';

/** Reads only: small enough that a separate handler class would add nothing. */
@ApiTags('成员 members')
@ApiBearerAuth()
@Controller('members')
export class QueryMembersHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '服务网络成员列表 / List members' })
  async list(@Query({ schema: ListMembersQuery }) query: ListMembersQuery): Promise<PageResult<MemberView>> {
    const where: Prisma.MemberWhereInput = {
      ...(query.kind !== undefined && { kind: query.kind }),
      ...(query.region !== undefined && { region: query.region }),
      ...(query.q !== undefined && { name: { contains: query.q, mode: 'insensitive' } }),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.member.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], skip: query.offset, take: query.limit }),
      this.prisma.member.count({ where }),
    ]);
    return { items: rows.map(toMemberView), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: '成员详情 / One member' })
  async get(@Param('id') id: string): Promise<MemberView> {
    const row = await this.prisma.member.findUnique({ where: { id } });
    if (!row) throw notFound(MEMBER_LABEL, id);
    return toMemberView(row);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '审计记录 / Audit trail' })
  async auditTrail(@Param('id') id: string) {
    await this.get(id);
    return this.audit.of('member', id);
  }
}
