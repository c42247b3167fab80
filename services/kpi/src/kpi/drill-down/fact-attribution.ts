/**
 * Whose fact each lineage row is (#18.17, ADR 0017), and what it is about
 * (its headline, #19.5), for the drill-down and the annual report: the attribution of every counted and every excluded
 * fact, read from the archived event and the correction in force on it — the
 * same inputs, through the same attributionOf, as the judgement that counted
 * or excluded it (a fact stores its verdict, not the event's data).
 */
import { CenterRole, headlineOfEvent, type Label } from '@tjc/contracts';
import type { Db, KpiEngine } from '../../engine/kpi-engine.service';
import { refOf } from '../../engine/incremental';
import { attributionOf, effectiveCorrection, type AttributionView } from '../kpi-evaluator';

const BASIS_LABELS: Record<AttributionView['basis'], Label> = {
  stated: { zh: '事件声明', en: 'stated by the event' },
  'implied-own': { zh: '本中心服务发布（早于归属字段，视为自办）', en: "published by the center's own service before the field existed (own)" },
  unstated: { zh: '合作方未声明', en: 'not stated by the partner' },
  refused: { zh: '合作方不能声明“自办”', en: 'a partner may not state "own"' },
};

export interface FactAttribution {
  readonly basis: AttributionView['basis'];
  readonly basisLabel: Label;
  /** The role the KPI filters read (null: none, the fact cannot count on attribution). */
  readonly centerRole: AttributionView['centerRole'];
  readonly centerRoleLabel: Label | null;
  /** As the event stated it (differs from centerRole when refused). */
  readonly statedRole: AttributionView['statedRole'];
  readonly organiser: AttributionView['organiser'];
}

export function describeAttribution(view: AttributionView): FactAttribution {
  return {
    basis: view.basis,
    basisLabel: BASIS_LABELS[view.basis],
    centerRole: view.centerRole,
    centerRoleLabel: view.centerRole ? CenterRole.labels[view.centerRole] : null,
    statedRole: view.statedRole,
    organiser: view.organiser,
  };
}

/** What the archived event says beyond the fact: whose it is, and what it is about. */
export interface FactDetail {
  readonly attribution: FactAttribution;
  /** The record's name as the event (or the amendment in force) gives it: a project's title, "fund → investee". */
  readonly headline: string | null;
}

/** Attribution and headline of each event (by source + id) that is in the archive. */
export async function factDetails(db: Db, engine: KpiEngine, events: readonly { readonly source: string; readonly id: string }[]): Promise<Map<string, FactDetail>> {
  const out = new Map<string, FactDetail>();
  if (events.length === 0) return out;
  const [rows, corrections] = await Promise.all([
    db.$queryRawUnsafe<{ source: string; id: string; type: string; data: unknown }[]>(
      `SELECT a.source, a.id, a.type, a.data FROM event_archive a
         JOIN jsonb_to_recordset($1::jsonb) AS r(source text, id text) ON a.source = r.source AND a.id = r.id`,
      JSON.stringify(events.map((e) => ({ source: e.source, id: e.id }))),
    ),
    engine.correctionsOf(db, events),
  ]);
  for (const row of rows) {
    const k = refOf(row);
    // As judgeEvent reads it: an amendment's replacement, else the data as published (a retracted fact keeps its attribution).
    const correction = effectiveCorrection(row, corrections.get(k) ?? []);
    const data = correction?.action === 'amend' ? correction.replacement : row.data;
    out.set(k, { attribution: describeAttribution(attributionOf(row, data)), headline: headlineOfEvent(row.type, data) });
  }
  return out;
}
