export { createMigration, type CreateMigrationOptions, type CreateMigrationResult } from './create-migration';
export {
  cloneDatabaseFromTemplate,
  createDatabaseIfMissing,
  databaseExists,
  dropDatabase,
} from './database';
export { databaseNameOf, redactUrl, uniqueDatabaseName, withDatabase } from './database-url';
export {
  deployMigrations,
  FailedMigrationError,
  MigrationChecksumMismatchError,
  UnknownAppliedMigrationError,
  type DeployEvent,
  type DeployOptions,
  type DeployResult,
} from './deploy';
export { checkDrift, diffMigrationsToSchema, type DriftOptions, type DriftReport } from './drift';
export {
  generatePrismaClient,
  offlinePrismaEnv,
  schemaEnginePlaceholderPath,
  type GenerateOptions,
  type GenerateResult,
} from './generate';
export {
  listMigrationNames,
  migrationChecksum,
  readMigrationsList,
  slugifyMigrationName,
} from './migrations-dir';
export { OfflinePgAdapterFactory } from './pg-adapter';
export { SchemaEngineError } from './schema-engine';
