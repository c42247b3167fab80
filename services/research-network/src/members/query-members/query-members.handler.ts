import { Injectable } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import { notFound } from '../../common/http-errors';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toMemberView, type MemberView } from '../members.service';
import type { ListMembersQuery } from './query-members.command';

@Injectable()
export class QueryMembersHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListMembersQuery): Promise<Page<MemberView>> {
    const where: Prisma.MemberWhereInput = {
      ...(query.region && { region: query.region }),
      ...(query.type && { type: query.type }),
      ...(query.q && { name: { contains: query.q, mode: 'insensitive' } }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.member.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.member.count({ where }),
    ]);
    return { items: rows.map(toMemberView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<MemberView> {
    const member = await this.prisma.member.findUnique({ where: { id } });
    if (!member) throw notFound('member', id);
    return toMemberView(member);
  }
}
