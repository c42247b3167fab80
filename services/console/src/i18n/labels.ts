import type { i18n as I18n } from 'i18next';
import { allDefinitions, SOURCES, TOPICS, ActivityType, CourseType, FundType, IndustryField, InstitutionType, InvestmentRound, Network, ReceiverKind, Region, RejectionReason, TransferMode, type Label } from '@tjc/contracts';

/**
 * The vocabularies of @tjc/contracts carry their own zh/en labels: option
 * lists and table cells use them, so a value the services accept is always
 * offered, and labelled the same way as in events and reports.
 */
export interface LabelledEnum<V extends string = string> {
  readonly values: readonly V[];
  readonly labels: Readonly<Record<V, Label>>;
}

export const VOCABULARIES = { Region, Network, IndustryField, InstitutionType, RejectionReason, TransferMode, CourseType, ActivityType, FundType, InvestmentRound, ReceiverKind } as const;

export type Lang = 'zh' | 'en';

export const langOf = (language: string | undefined): Lang => (language?.startsWith('en') ? 'en' : 'zh');

export function labelOf<V extends string>(vocabulary: LabelledEnum<V>, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const label = (vocabulary.labels as Record<string, Label | undefined>)[value];
  return label ? label[lang] : value;
}

export function optionsOf<V extends string>(vocabulary: LabelledEnum<V>, lang: Lang): { value: V; label: string }[] {
  return vocabulary.values.map((value) => ({ value, label: vocabulary.labels[value][lang] }));
}

/** The publisher of an event or record (services, the center, partners), labelled as in contracts. */
export function sourceLabel(source: string | null | undefined, lang: Lang): string {
  if (!source) return '—';
  const info = (SOURCES as Record<string, { zh: string; en: string } | undefined>)[source];
  return info ? info[lang] : source;
}

export const isPartner = (source: string) => source.startsWith('partner/');

/**
 * Families of codes the services answer with that the console labels in
 * zh.ts/en.ts, each under its key (`ops.errorKinds.transient`). The
 * coverage tests (codes.spec.ts) hold each family to what the services write.
 */
export type CodeFamily =
  | 'audit.actions'
  | 'ops.services'
  | 'ops.topics'
  | 'ops.health'
  | 'ops.errorKinds'
  | 'ops.deadLetterStatuses'
  | 'ops.replayOutcomes'
  | 'ops.quarantineKinds'
  | 'ops.channels'
  | 'ops.rebuildStatuses'
  | 'ops.queueNames'
  | 'ops.jobStates';

/** A code's label in the current language; undefined for a code this console does not know yet (a newer service wrote it). */
export function codeLabel(i18n: I18n, family: CodeFamily, code: string): string | undefined {
  const key = `${family}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : undefined;
}

// Titles from the event catalogue itself, so a new event type is labelled as soon as contracts define it.
const EVENT_TITLES: ReadonlyMap<string, Label> = new Map(allDefinitions().map((d) => [d.type, d.title]));

/** The catalogue's title of an event type (`research.project.found.v1` → 项目遴选通过), undefined for a type unknown to these contracts. */
export function eventTypeTitle(type: string, lang: Lang): string | undefined {
  return EVENT_TITLES.get(type)?.[lang];
}

const TOPIC_KEYS: ReadonlyMap<string, keyof typeof TOPICS> = new Map(Object.entries(TOPICS).map(([key, spec]) => [spec.name, key as keyof typeof TOPICS]));

/** The key (`research`) of a platform topic by its name, for its label under `ops.topics`; undefined for any other topic (a consumer's DLQ). */
export const topicKey = (name: string) => TOPIC_KEYS.get(name);
