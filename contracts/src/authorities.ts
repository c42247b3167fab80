/**
 * Facts only the center may state about what it owns (#18.14). A partner may
 * report a consortium, but whether its lead is on the Tianjin Center's
 * key-enterprise list (列入天津中心重点企业名单) is the center's own fact: the
 * industry network's enterprise registry is its authority. Declared once, per
 * event type and data path; the KPI's judgement refuses to count a filter on
 * such a path when the data in force was asserted by anyone else, and the
 * authority publishes its own statement instead (docs/adr/0015).
 */
import type { EventType } from './catalogue';
import type { Source } from './sources';

export interface FactAuthority {
  /** The only source whose statement of this path counts. */
  readonly source: Source;
  /** What the authority is, as the lineage says it. */
  readonly zh: string;
  readonly en: string;
}

const KEY_ENTERPRISE_REGISTRY: FactAuthority = {
  source: 'tjc/industry-network',
  zh: '产业网络重点企业名单',
  en: "the industry network's key-enterprise registry",
};

export const FACT_AUTHORITIES: { readonly [T in EventType]?: Readonly<Record<string, FactAuthority>> } = {
  'industry.consortium.formed.v1': {
    'leadEnterprise.isKeyEnterprise': KEY_ENTERPRISE_REGISTRY,
    // Which enterprise it is and where it is registered: the registry's too (a
    // partner's id for one of our enterprises would count it twice).
    'leadEnterprise.id': KEY_ENTERPRISE_REGISTRY,
    'leadEnterprise.region': KEY_ENTERPRISE_REGISTRY,
  },
};

/** The authority over one data path of one event type, if the center owns that fact. */
export function authorityOf(type: string, path: string): FactAuthority | undefined {
  return (FACT_AUTHORITIES as Readonly<Record<string, Readonly<Record<string, FactAuthority>> | undefined>>)[type]?.[path];
}
