import { Module } from '@nestjs/common';
import { KeyListingHandler } from './key-listing/key-listing.handler';
import { KeyListingHttpController } from './key-listing/key-listing.http.controller';
import { ReadEnterprisesHandler } from './read-enterprises/read-enterprises.handler';
import { ReadEnterprisesHttpController } from './read-enterprises/read-enterprises.http.controller';
import { RegisterEnterpriseHandler } from './register-enterprise/register-enterprise.handler';
import { RegisterEnterpriseHttpController } from './register-enterprise/register-enterprise.http.controller';
import { UpdateEnterpriseHandler } from './update-enterprise/update-enterprise.handler';
import { UpdateEnterpriseHttpController } from './update-enterprise/update-enterprise.http.controller';

@Module({
  controllers: [RegisterEnterpriseHttpController, UpdateEnterpriseHttpController, KeyListingHttpController, ReadEnterprisesHttpController],
  providers: [RegisterEnterpriseHandler, UpdateEnterpriseHandler, KeyListingHandler, ReadEnterprisesHandler],
})
export class EnterprisesModule {}
