import { Module } from '@nestjs/common';
import { PartnerSignatureGuard } from './partner-signature.guard';
import { RawBodyParser } from './raw-body.service';

/** Partner identity: the raw-body parser and the signature guard. */
@Module({
  providers: [RawBodyParser, PartnerSignatureGuard],
  exports: [PartnerSignatureGuard],
})
export class PartnersModule {}
