import { Module } from '@nestjs/common';
import { ReadEnterprisesHandler } from './read-enterprises/read-enterprises.handler';
import { ReadEnterprisesHttpController } from './read-enterprises/read-enterprises.http.controller';
import { RegisterEnterpriseHandler } from './register-enterprise/register-enterprise.handler';
import { RegisterEnterpriseHttpController } from './register-enterprise/register-enterprise.http.controller';
import { UpdateEnterpriseHandler } from './update-enterprise/update-enterprise.handler';
import { UpdateEnterpriseHttpController } from './update-enterprise/update-enterprise.http.controller';

@Module({
  controllers: [RegisterEnterpriseHttpController, UpdateEnterpriseHttpController, ReadEnterprisesHttpController],
  providers: [RegisterEnterpriseHandler, UpdateEnterpriseHandler, ReadEnterprisesHandler],
})
export class EnterprisesModule {}
