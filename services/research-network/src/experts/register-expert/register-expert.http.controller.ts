import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { RegisterExpertBody, type RegisterExpertCommand } from './register-expert.command';
import { RegisterExpertHandler } from './register-expert.handler';

@ApiTags('experts 专家库')
@ApiBearerAuth()
@Controller('experts')
export class RegisterExpertHttpController {
  constructor(private readonly handler: RegisterExpertHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '专家入库 / Add an expert to the pool', description: 'Research coordinator or center admin.' })
  register(@Body({ schema: RegisterExpertBody }) body: RegisterExpertCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(body, ctx);
  }
}
