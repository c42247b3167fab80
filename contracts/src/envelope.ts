import { z } from 'zod';
import { Id, Instant } from './primitives';
import { SourceSchema } from './sources';
import { Confidentiality, Region } from './vocabulary';

/** W3C Trace Context `traceparent`: version-traceid-parentid-flags. */
export const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The envelope every event travels in: CloudEvents 1.0 in spirit (structured
 * JSON mode), plus tracing, correlation, region and confidentiality.
 * `source` + `id` identifies an event for de-duplication.
 */
export const EnvelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: Id.meta({ description: 'Unique per source; source + id de-duplicates resends' }),
  source: SourceSchema,
  type: z.string().min(1).meta({ description: 'Event type and major version, e.g. research.project.found.v1' }),
  subject: Id.meta({ description: 'Id of the aggregate the event is about; also the Kafka partition key' }),
  time: Instant.meta({ description: 'Business time: when it happened, with offset. KPIs count it in the Asia/Shanghai calendar year of this instant.' }),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1).meta({ description: 'Identifier of the data schema, e.g. urn:tjc:schema:research.project.found.v1:1.0' }),
  dataversion: z.string().regex(/^\d+\.\d+$/, 'must be <major>.<minor>, e.g. "1.0"'),
  region: Region.schema.meta({ description: 'Region of origin of the event' }),
  confidentiality: Confidentiality.schema,
  traceparent: z.string().regex(TRACEPARENT, 'must be a W3C traceparent, e.g. 00-<32 hex>-<16 hex>-01').optional(),
  tracestate: z.string().max(512).optional(),
  correlationId: Id,
  causationId: Id.optional(),
  data: z.unknown(),
});

export type EnvelopeFields = Omit<z.infer<typeof EnvelopeSchema>, 'data' | 'type'>;

export function dataSchemaId(type: string, version: string): string {
  return `urn:tjc:schema:${type}:${version}`;
}
