import { Module } from '@nestjs/common';
import { QueryMembersHttpController } from './query-members/query-members.http.controller';
import { RegisterMemberHandler } from './register-member/register-member.handler';
import { RegisterMemberHttpController } from './register-member/register-member.http.controller';

/** 成员: technology-transfer agencies, the training base and the receiving parks. */
@Module({ controllers: [QueryMembersHttpController, RegisterMemberHttpController], providers: [RegisterMemberHandler] })
export class MembersModule {}
