import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { ListAchievementBody, type ListAchievementCommand } from './list-achievement.command';
import { ListAchievementHandler } from './list-achievement.handler';

@ApiTags('achievements 成果供给清单')
@ApiBearerAuth()
@Controller('achievements')
export class ListAchievementHttpController {
  constructor(private readonly handler: ListAchievementHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '成果入列供给清单 / List an achievement for transfer', description: 'Research coordinator or center admin. Emits research.achievement.listed.v1.' })
  list(@Body({ schema: ListAchievementBody }) body: ListAchievementCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(body, ctx);
  }
}
