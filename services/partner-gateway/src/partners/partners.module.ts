import { Module } from '@nestjs/common';
import { PartnerSignatureGuard } from './partner-signature.guard';
import { PartnerIntakeLimit } from './intake-limit.service';
import { RawBodyParser } from './raw-body.service';

/** Partner identity and intake: the bound on requests held, the raw-body parser and the signature guard. */
@Module({
  providers: [PartnerIntakeLimit, RawBodyParser, PartnerSignatureGuard],
  exports: [PartnerSignatureGuard],
})
export class PartnersModule {}
