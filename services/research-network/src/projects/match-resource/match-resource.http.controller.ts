import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { ListResourceMatchesQuery, MatchResourceBody, type MatchResourceCommand } from './match-resource.command';
import { MatchResourceHandler } from './match-resource.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects/:id/resource-matches')
export class MatchResourceHttpController {
  constructor(private readonly handler: MatchResourceHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '资源匹配 / Match a resource to a found project', description: 'Concept verification (概念验证), pilot platform (中试) or application scenario; found or in-joint-research projects only (409 otherwise).' })
  match(@Param('id') id: string, @Body({ schema: MatchResourceBody }) body: MatchResourceCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }

  @Get()
  @ApiOperation({ summary: '项目资源匹配记录 / Resources matched to a project' })
  list(@Param('id') id: string, @Query({ schema: ListResourceMatchesQuery }) query: ListResourceMatchesQuery) {
    return this.handler.list(id, query);
  }
}
