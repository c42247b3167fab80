import { z } from 'zod';
import { labelledEnum } from './labelled-enum';
import { Name } from './primitives';
import { SOURCES, SourceSchema, type Source } from './sources';

/**
 * Whose achievement a fact is (issue #18.17). The center is judged on what it
 * organised, co-organised or selected (举办、遴选, with HQ's joint
 * demonstration 与本部开展项目论证), not on everything reported to it: an
 * activity HQ held alone, or a project HQ selected alone, is HQ's.
 *
 * WARNING: the keys are on the wire and in KPI definitions (filters on
 * `attribution.centerRole`). Add; never rename.
 */
export const CenterRole = labelledEnum('CenterRole', {
  own: { zh: '自办（天津中心组织、遴选）', en: "The Tianjin Center's own (organised / selected by the center)" },
  joint: { zh: '联合（与本部联合论证、联合举办）', en: 'Joint (co-organised with the center, or demonstrated jointly with HQ)' },
  'partner-only': { zh: '仅合作方（天津中心未参与）', en: 'Partner only (the Tianjin Center took no part)' },
});
export type CenterRole = z.infer<typeof CenterRole.schema>;

/**
 * Who organised or selected the fact and the center's part in it. Optional
 * on the wire (additive, 1.1): the center's services stamp every event they
 * publish; on a partner's event a missing attribution is never read as the
 * center's own (the KPI service excludes it, with the reason, until the
 * partner states it).
 */
export const Attribution = z
  .object({
    centerRole: CenterRole.schema,
    organiser: z
      .object({
        name: Name.meta({ description: '主办（遴选）方名称 / Name of the organiser or selector' }),
        source: SourceSchema.optional().meta({ description: '主办方在平台上的来源（如有）/ The organiser’s platform source, when it has one' }),
      })
      .meta({ description: '主办或遴选方（联合时为牵头方）/ Who organised or selected it (the lead, when joint)' }),
  })
  .meta({
    title: 'Attribution',
    description: '归属：主办（遴选）方及天津中心的角色 / Who organised or selected it, and the Tianjin Center’s part in it',
  });
export type Attribution = z.infer<typeof Attribution>;

/**
 * The stamp the center's own services put on the facts they publish: the
 * Tianjin Center organised or selected it (own), or did so with HQ's joint
 * demonstration or with a partner (joint). One helper so every service
 * stamps the same organiser.
 */
export function centerAttribution(source: Source, centerRole: Extract<CenterRole, 'own' | 'joint'>): Attribution {
  return { centerRole, organiser: { name: SOURCES['tjc/center'].zh, source } };
}
