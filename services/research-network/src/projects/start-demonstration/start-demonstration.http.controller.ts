import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { StartDemonstrationBody, type StartDemonstrationCommand } from './start-demonstration.command';
import { StartDemonstrationHandler } from './start-demonstration.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class StartDemonstrationHttpController {
  constructor(private readonly handler: StartDemonstrationHandler) {}

  @Post(':id/demonstration')
  @HttpCode(200)
  @ApiOperation({ summary: '进入联合论证 / Start joint demonstration with HQ', description: 'under-review → in-demonstration; needs every review in and a passed screening.' })
  start(@Param('id') id: string, @Body({ schema: StartDemonstrationBody }) body: StartDemonstrationCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
