import { Module } from '@nestjs/common';
import { AbandonTransferHandler } from './abandon-transfer/abandon-transfer.handler';
import { AbandonTransferHttpController } from './abandon-transfer/abandon-transfer.http.controller';
import { LandTransferHandler } from './land-transfer/land-transfer.handler';
import { LandTransferHttpController } from './land-transfer/land-transfer.http.controller';
import { MatchTransferHandler } from './match-transfer/match-transfer.handler';
import { MatchTransferHttpController } from './match-transfer/match-transfer.http.controller';
import { NegotiateTransferHandler } from './negotiate-transfer/negotiate-transfer.handler';
import { NegotiateTransferHttpController } from './negotiate-transfer/negotiate-transfer.http.controller';
import { QueryTransfersHandler } from './query-transfers/query-transfers.handler';
import { QueryTransfersHttpController } from './query-transfers/query-transfers.http.controller';
import { ReceiveTransferCandidatesConsumer } from './receive-transfer-candidates/receive-transfer-candidates.consumer';
import { RecordInvestmentConsumer } from './record-investment/record-investment.consumer';
import { RegisterTransferHandler } from './register-transfer/register-transfer.handler';
import { RegisterTransferHttpController } from './register-transfer/register-transfer.http.controller';

/** 成果转化: candidates → matching → negotiation → landed, and the funds that follow. */
@Module({
  controllers: [
    QueryTransfersHttpController,
    RegisterTransferHttpController,
    MatchTransferHttpController,
    NegotiateTransferHttpController,
    LandTransferHttpController,
    AbandonTransferHttpController,
    ReceiveTransferCandidatesConsumer,
    RecordInvestmentConsumer,
  ],
  providers: [QueryTransfersHandler, RegisterTransferHandler, MatchTransferHandler, NegotiateTransferHandler, LandTransferHandler, AbandonTransferHandler],
})
export class TransfersModule {}
