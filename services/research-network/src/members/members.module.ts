import { Module } from '@nestjs/common';
import { QueryMembersHandler } from './query-members/query-members.handler';
import { QueryMembersHttpController } from './query-members/query-members.http.controller';
import { RegisterMemberHandler } from './register-member/register-member.handler';
import { RegisterMemberHttpController } from './register-member/register-member.http.controller';
import { UpdateMemberHandler } from './update-member/update-member.handler';
import { UpdateMemberHttpController } from './update-member/update-member.http.controller';

/** Member institutions of the research network (universities, key labs, 海河实验室, institutes). */
@Module({
  controllers: [RegisterMemberHttpController, UpdateMemberHttpController, QueryMembersHttpController],
  providers: [RegisterMemberHandler, UpdateMemberHandler, QueryMembersHandler],
})
export class MembersModule {}
