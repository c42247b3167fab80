import { Module } from '@nestjs/common';
import { KpiJobs } from '../jobs/kpi-jobs.service';
import { CheckPaceHandler } from '../pace/check-pace/check-pace.handler';
import { CheckPaceHttpController } from '../pace/check-pace/check-pace.http.controller';
import { RebuildReadModelsHandler } from '../rebuild/rebuild-read-models/rebuild-read-models.handler';
import { RebuildReadModelsHttpController } from '../rebuild/rebuild-read-models/rebuild-read-models.http.controller';
import { RequestRollupHttpController } from '../rollups/request-rollup/request-rollup.http.controller';
import { VerifyFiguresHandler } from '../rollups/verify-figures/verify-figures.handler';
import { EvaluationBuilder } from '../engine/evaluation-builder.service';
import { KnownAtEvaluator } from '../engine/known-at';
import { LineageReader } from '../engine/lineage-reader';
import { CloseYearHandler } from './close-year/close-year.handler';
import { CloseYearHttpController } from './close-year/close-year.http.controller';
import { DrillDownHandler } from './drill-down/drill-down.handler';
import { DrillDownHttpController } from './drill-down/drill-down.http.controller';
import { ExportReportHandler } from './export-report/export-report.handler';
import { ExportReportHttpController } from './export-report/export-report.http.controller';
import { GetKpisHandler } from './get-kpis/get-kpis.handler';
import { GetKpisHttpController } from './get-kpis/get-kpis.http.controller';
import { IngestEventConsumer } from './ingest-event/ingest-event.consumer';
import { IngestEventHandler } from './ingest-event/ingest-event.handler';
import { KpiCache } from './kpi-cache.service';
import { KpiEngine } from '../engine/kpi-engine.service';
import { ListRestatementsHttpController } from './list-restatements/list-restatements.http.controller';

/**
 * KPIs: consumption into the archive and the evaluations (src/engine), the
 * evaluation builder, the read API, exports, the jobs (verification of the
 * figures, pace) and their ops endpoints.
 */
@Module({
  controllers: [
    IngestEventConsumer,
    ListRestatementsHttpController,
    ExportReportHttpController,
    DrillDownHttpController,
    CloseYearHttpController,
    GetKpisHttpController,
    RequestRollupHttpController,
    CheckPaceHttpController,
    RebuildReadModelsHttpController,
  ],
  providers: [
    KpiEngine,
    EvaluationBuilder,
    KnownAtEvaluator,
    LineageReader,
    KpiCache,
    IngestEventHandler,
    GetKpisHandler,
    DrillDownHandler,
    CloseYearHandler,
    ExportReportHandler,
    VerifyFiguresHandler,
    CheckPaceHandler,
    RebuildReadModelsHandler,
    KpiJobs,
  ],
  exports: [KpiEngine],
})
export class KpiModule {}
