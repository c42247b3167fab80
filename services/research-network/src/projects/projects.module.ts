import { DynamicModule, Module } from '@nestjs/common';
import { AssignExpertsHandler } from './assign-experts/assign-experts.handler';
import { AssignExpertsHttpController } from './assign-experts/assign-experts.http.controller';
import { ImportPartnerProjectConsumer } from './import-partner-project/import-partner-project.consumer';
import { MatchResourceHandler } from './match-resource/match-resource.handler';
import { MatchResourceHttpController } from './match-resource/match-resource.http.controller';
import { ProjectsService } from './projects.service';
import { BackfillIdentityKeys } from './reconcile-projects/backfill-identity-keys.service';
import { ProjectIdentityService } from './reconcile-projects/project-identity.service';
import { ReconcileProjectsHandler } from './reconcile-projects/reconcile-projects.handler';
import { ReconcileProjectsHttpController } from './reconcile-projects/reconcile-projects.http.controller';
import { QueryProjectsHandler } from './query-projects/query-projects.handler';
import { QueryProjectsHttpController } from './query-projects/query-projects.http.controller';
import { RecordReviewHandler } from './record-review/record-review.handler';
import { RecordReviewHttpController } from './record-review/record-review.http.controller';
import { RejectProjectHandler } from './reject-project/reject-project.handler';
import { RejectProjectHttpController } from './reject-project/reject-project.http.controller';
import { REVIEW_SETTINGS, type ReviewSettings } from './review-settings';
import { SelectProjectHandler } from './select-project/select-project.handler';
import { SelectProjectHttpController } from './select-project/select-project.http.controller';
import { StartDemonstrationHandler } from './start-demonstration/start-demonstration.handler';
import { StartDemonstrationHttpController } from './start-demonstration/start-demonstration.http.controller';
import { StartJointResearchConsumer } from './start-joint-research/start-joint-research.consumer';
import { SubmitProjectHandler } from './submit-project/submit-project.handler';
import { SubmitProjectHttpController } from './submit-project/submit-project.http.controller';
import { UpdateProjectHandler } from './update-project/update-project.handler';
import { UpdateProjectHttpController } from './update-project/update-project.http.controller';

/** The project pipeline: submission → expert review → joint demonstration → found / rejected → joint research. */
@Module({})
export class ProjectsModule {
  static register(review: ReviewSettings): DynamicModule {
    return {
      module: ProjectsModule,
      controllers: [
        QueryProjectsHttpController,
        SubmitProjectHttpController,
        UpdateProjectHttpController,
        AssignExpertsHttpController,
        RecordReviewHttpController,
        StartDemonstrationHttpController,
        SelectProjectHttpController,
        RejectProjectHttpController,
        MatchResourceHttpController,
        ReconcileProjectsHttpController,
        StartJointResearchConsumer,
        ImportPartnerProjectConsumer,
      ],
      providers: [
        { provide: REVIEW_SETTINGS, useValue: review },
        ProjectsService,
        QueryProjectsHandler,
        SubmitProjectHandler,
        UpdateProjectHandler,
        AssignExpertsHandler,
        RecordReviewHandler,
        StartDemonstrationHandler,
        SelectProjectHandler,
        RejectProjectHandler,
        MatchResourceHandler,
        ProjectIdentityService,
        BackfillIdentityKeys,
        ReconcileProjectsHandler,
      ],
    };
  }
}
