import { SOURCES, ActivityType, CourseType, FundType, IndustryField, InstitutionType, InvestmentRound, Network, ReceiverKind, Region, RejectionReason, TransferMode, type Label } from '@tjc/contracts';

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
