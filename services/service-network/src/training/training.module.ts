import { Module } from '@nestjs/common';
import { CompleteSessionHandler } from './complete-session/complete-session.handler';
import { CompleteSessionHttpController } from './complete-session/complete-session.http.controller';
import { CreateCourseHandler } from './create-course/create-course.handler';
import { CreateCourseHttpController } from './create-course/create-course.http.controller';
import { EnrolTraineeHandler } from './enrol-trainee/enrol-trainee.handler';
import { EnrolTraineeHttpController } from './enrol-trainee/enrol-trainee.http.controller';
import { PlanSessionHandler } from './plan-session/plan-session.handler';
import { PlanSessionHttpController } from './plan-session/plan-session.http.controller';
import { QueryCoursesHttpController } from './query-courses/query-courses.http.controller';
import { QuerySessionsHandler } from './query-sessions/query-sessions.handler';
import { QuerySessionsHttpController } from './query-sessions/query-sessions.http.controller';
import { RecordCompletionsHandler } from './record-completions/record-completions.handler';
import { RecordCompletionsHttpController } from './record-completions/record-completions.http.controller';
import { StartSessionHandler } from './start-session/start-session.handler';
import { StartSessionHttpController } from './start-session/start-session.http.controller';
import { WithdrawEnrolmentHandler } from './withdraw-enrolment/withdraw-enrolment.handler';
import { WithdrawEnrolmentHttpController } from './withdraw-enrolment/withdraw-enrolment.http.controller';

/** 技术转移人才培训: courses, sessions, enrolments and completions (人次). */
@Module({
  controllers: [
    QueryCoursesHttpController,
    CreateCourseHttpController,
    QuerySessionsHttpController,
    PlanSessionHttpController,
    StartSessionHttpController,
    CompleteSessionHttpController,
    EnrolTraineeHttpController,
    WithdrawEnrolmentHttpController,
    RecordCompletionsHttpController,
  ],
  providers: [CreateCourseHandler, QuerySessionsHandler, PlanSessionHandler, StartSessionHandler, CompleteSessionHandler, EnrolTraineeHandler, WithdrawEnrolmentHandler, RecordCompletionsHandler],
})
export class TrainingModule {}
