/**
 * Who publishes events: the platform's own services and the partner systems.
 *
 * WARNING: these strings are the `source` of every published event and, with
 * the event `id`, its de-duplication key. Renaming one breaks de-duplication,
 * partner credentials and KPI lineage. Add new sources only.
 */
import { z } from 'zod';
import type { Network, Region } from './vocabulary';

interface SourceInfo {
  readonly region: Region;
  readonly kind: 'network-service' | 'center' | 'partner';
  readonly network?: Network;
  readonly zh: string;
  readonly en: string;
}

export const SOURCES = {
  'tjc/research-network': { region: 'tianjin', kind: 'network-service', network: 'research', zh: '天津中心科研网络', en: 'Tianjin Center research network' },
  'tjc/industry-network': { region: 'tianjin', kind: 'network-service', network: 'industry', zh: '天津中心产业网络', en: 'Tianjin Center industry network' },
  'tjc/service-network': { region: 'tianjin', kind: 'network-service', network: 'service', zh: '天津中心服务网络', en: 'Tianjin Center service network' },
  'tjc/fund-network': { region: 'tianjin', kind: 'network-service', network: 'fund', zh: '天津中心基金网络', en: 'Tianjin Center fund network' },
  'tjc/center': { region: 'tianjin', kind: 'center', zh: '天津中心', en: 'Tianjin Center' },
  'tjc/kpi': { region: 'tianjin', kind: 'center', zh: '天津中心指标服务', en: 'Tianjin Center KPI service' },
  'partner/beijing-hq': { region: 'beijing', kind: 'partner', zh: '京津冀国家技术创新中心本部', en: 'JJJ Center headquarters (Beijing)' },
  'partner/hebei-center': { region: 'hebei', kind: 'partner', zh: '河北中心', en: 'Hebei Center' },
  'partner/xiongan-center': { region: 'xiongan', kind: 'partner', zh: '雄安中心', en: "Xiong'an Center" },
} as const satisfies Record<string, SourceInfo>;

export type Source = keyof typeof SOURCES;
export const SOURCE_IDS = Object.keys(SOURCES) as [Source, ...Source[]];
export const SourceSchema = z.enum(SOURCE_IDS).meta({ title: 'Source', description: 'The system that published the event' });
export type PartnerSource = { [K in Source]: (typeof SOURCES)[K]['kind'] extends 'partner' ? K : never }[Source];
export const PARTNER_SOURCES = SOURCE_IDS.filter((s): s is PartnerSource => SOURCES[s].kind === 'partner');

export function isPartnerSource(source: Source): source is PartnerSource {
  return SOURCES[source].kind === 'partner';
}
