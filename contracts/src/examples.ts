import { allDefinitions } from './catalogue';
import type { EventDefinition } from './define-event';
import { SOURCES, type PartnerSource, type Source } from './sources';

/** The envelope of an example, as asyncapi.yaml shows it (structured CloudEvents, the wire form). */
export function exampleEnvelope(def: EventDefinition, source: Source, data: unknown, id: string): Record<string, unknown> {
  return {
    specversion: '1.0',
    id,
    source,
    type: def.type,
    subject: (def.subjectOf as (d: unknown) => string)(def.data.parse(data)),
    time: '2024-06-18T10:00:00+08:00',
    datacontenttype: 'application/json',
    dataschema: `urn:tjc:schema:${def.type}:${def.version}`,
    dataversion: def.version,
    region: SOURCES[source].region,
    confidentiality: def.confidentiality,
    correlationId: id,
    data,
  };
}

export interface PartnerExample {
  readonly name: string;
  readonly summary: string;
  readonly source: PartnerSource;
  readonly envelope: Record<string, unknown>;
}

/**
 * Every partner example of the catalogue as the envelope a partner sends
 * (its own source, its region): asyncapi.yaml lists exactly these, and the
 * partner gateway's tests send each through its real checks, so an example
 * a partner copies is never refused.
 */
export function partnerExamples(def: EventDefinition): PartnerExample[] {
  return (def.partnerExamples ?? []).map((p, i) => {
    const partner = p.source.slice('partner/'.length);
    const subject = (def.subjectOf as (d: unknown) => string)(def.data.parse(p.data));
    return { name: `partner-${partner}-${i + 1}`, summary: `${p.summary} — sent by ${p.source}`, source: p.source, envelope: exampleEnvelope(def, p.source, p.data, `${partner}-${subject}-${i + 1}`) };
  });
}

export function allPartnerExamples(): (PartnerExample & { readonly type: string })[] {
  return allDefinitions().flatMap((def) => partnerExamples(def).map((e) => ({ ...e, type: def.type })));
}
