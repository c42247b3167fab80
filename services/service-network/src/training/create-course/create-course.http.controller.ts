import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { CreateCourseCommand } from './create-course.command';
import { CreateCourseHandler } from './create-course.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('courses')
export class CreateCourseHttpController {
  constructor(private readonly handler: CreateCourseHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '新增培训课程 / Create a course' })
  create(@Body({ schema: CreateCourseCommand }) body: CreateCourseCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(body, commandContext(who, req));
  }
}
