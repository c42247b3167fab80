// Imported first by main.ts: OpenTelemetry's instrumentations must patch http
// and pg before anything else loads them.
import { startTelemetry } from '@tjc/runtime/telemetry';
startTelemetry('partner-gateway');
