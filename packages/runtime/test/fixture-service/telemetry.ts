// Imported first by main.ts: instrumentations must patch http and pg before they load.
import { startTelemetry } from '../../src/telemetry/otel';
startTelemetry('fixture-service');
