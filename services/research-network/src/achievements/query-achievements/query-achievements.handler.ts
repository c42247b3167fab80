import { Injectable } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import { notFound } from '../../common/http-errors';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toAchievementView, withTransfers, type AchievementView } from '../achievements.service';
import type { SearchAchievementsQuery } from './query-achievements.command';

@Injectable()
export class QueryAchievementsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async search(query: SearchAchievementsQuery): Promise<Page<AchievementView>> {
    const where: Prisma.AchievementWhereInput = {
      ...(query.field && { field: query.field }),
      ...(query.region && { ownerRegion: query.region }),
      ...(query.status && { status: query.status }),
      ...(query.source && { source: query.source }),
      ...(query.q && { OR: [{ title: { contains: query.q, mode: 'insensitive' } }, { summary: { contains: query.q, mode: 'insensitive' } }] }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.achievement.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset, include: withTransfers }),
      this.prisma.achievement.count({ where }),
    ]);
    return { items: rows.map(toAchievementView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<AchievementView> {
    const achievement = await this.prisma.achievement.findUnique({ where: { id }, include: withTransfers });
    if (!achievement) throw notFound('achievement', id);
    return toAchievementView(achievement);
  }
}
