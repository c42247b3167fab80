import type { z } from 'zod';
import type { Label } from './labelled-enum';
import type { PartnerSource, Source } from './sources';
import type { TopicKey } from './topics';
import type { Confidentiality } from './vocabulary';

/**
 * One event type of the catalogue. `type` names the event and its MAJOR
 * version (`research.project.found.v1`); `version` is the current
 * `major.minor` of its data schema. Additive changes bump the minor and are
 * frozen under contracts/schemas/history; a breaking change is a new type
 * with the next major, never an edit in place.
 */
export interface EventDefinition<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: `${number}.${number}`;
  readonly topic: TopicKey;
  /** The aggregate the event is about; `subject` is this aggregate's id. */
  readonly aggregate: string;
  readonly title: Label;
  readonly description: string;
  readonly data: TData;
  /** Derives the envelope `subject` (and so the partition key) from the data. */
  readonly subjectOf: (data: z.output<TData>) => string;
  /**
   * What a person calls the record the event is about (a project's title, a
   * consortium's name, "fund → investee"), for lists of events such as the
   * KPI drill-down; null when the data names nothing but ids (a screening, a
   * conversion), where the subject is all there is.
   */
  readonly headlineOf: (data: z.output<TData>) => string | null;
  /** Systems allowed to publish this type; the partner gateway enforces it. */
  readonly publishers: readonly Source[];
  readonly confidentiality: Confidentiality;
  /** Valid examples: documentation for partners and fixtures for the tests. */
  readonly examples: readonly [z.input<TData>, ...z.input<TData>[]];
  /**
   * Examples a partner can send exactly as they are (its own source, its
   * region, the attribution it may state): asyncapi.yaml shows them beside
   * the main example, and the partner gateway's tests pass each through the
   * gateway's own checks (impersonation, region, grants).
   */
  readonly partnerExamples?: readonly { readonly source: PartnerSource; readonly summary: string; readonly data: z.input<TData> }[];
}

/** Identity function that keeps the literal types for the catalogue. */
export function defineEvent<const TType extends string, TData extends z.ZodType>(
  def: EventDefinition<TType, TData>,
): EventDefinition<TType, TData> {
  const major = /\.v(\d+)$/.exec(def.type)?.[1];
  if (major === undefined || !def.version.startsWith(`${major}.`)) {
    throw new Error(`event ${def.type}: type must end in .v<major> and version ${def.version} must start with that major`);
  }
  return def;
}
