/**
 * Beijing HQ and the Hebei Center publish through the partner gateway: signed
 * batches (docs/partners.md) at their dates, plus the duplicates a real
 * integration produces: a batch resent after a lost answer (the gateway
 * answers `duplicate` for every event), a request that reuses its
 * webhook-id (409 `replayed`), and a project re-published under a new event
 * id (accepted by the gateway, counted once by the KPI service).
 */
import { buildEvent, type PartnerSource } from '@tjc/contracts';
import type { DemoContext } from './context';
import { ApiError } from './http-client';
import type { PartnerClient } from './partner-client';
import { partnerBatches, republishedProject, type PartnerEventSpec } from './partner-data';
import type { Step } from './timeline';

const PARTNER_NAMES: Record<string, string> = { 'beijing-hq': '本部', 'hebei-center': '河北中心' };

/** The CloudEvents envelope, validated against the contracts before it is sent. */
export function envelopeOf(partner: string, spec: PartnerEventSpec): unknown {
  const source = `partner/${partner}` as PartnerSource;
  return spec.type === 'research.project.found.v1'
    ? buildEvent(spec.type, spec.data, { source, id: spec.id, time: spec.time })
    : buildEvent(spec.type, spec.data, { source, id: spec.id, time: spec.time });
}

function client(ctx: DemoContext, partner: string): PartnerClient {
  const c = ctx.partners[partner];
  if (!c) throw new Error(`no signing secret for partner ${partner}`);
  return c;
}

const summary = (r: { accepted: number; duplicates: number; rejected: number }) => `已受理 ${r.accepted}，重复 ${r.duplicates}，拒收 ${r.rejected}`;

/** The batch to resend after a "lost answer", and whose webhook-id is replayed. */
export const RESENT_BATCH = 'hebei-2024-q2';

export function partnerSteps(ctx: DemoContext): Step[] {
  const steps: Step[] = partnerBatches.map((b) => ({
    at: b.sentOn,
    lane: '合作方',
    label: `${PARTNER_NAMES[b.partner]}推送 ${b.events.length} 条事件（项目遴选 ${b.events.filter((e) => e.type === 'research.project.found.v1').length}，成果供给 ${b.events.filter((e) => e.type === 'research.achievement.listed.v1').length}）`,
    run: async () => {
      const events = b.events.map((e) => envelopeOf(b.partner, e));
      const result = await client(ctx, b.partner).send(events);
      if (result.rejected > 0) throw new Error(`the gateway rejected events of ${b.key}: ${JSON.stringify(result.results.filter((r) => r.status === 'rejected'))}`);
      ctx.sentBatches.set(b.key, { partner: b.partner, webhookId: result.webhookId, events, result });
      return summary(result);
    },
  }));

  const resent = partnerBatches.find((b) => b.key === RESENT_BATCH)!;
  steps.push({
    at: resent.sentOn,
    lane: '合作方',
    label: `${PARTNER_NAMES[resent.partner]}未收到应答，整批重发（新 webhook-id）`,
    run: async () => {
      const original = ctx.sentBatches.get(RESENT_BATCH);
      if (!original) throw new Error(`batch ${RESENT_BATCH} was not sent`);
      const again = await client(ctx, original.partner).send(original.events);
      if (again.duplicates !== original.events.length) throw new Error(`expected the gateway to answer every resent event as duplicate, got ${summary(again)}`);
      ctx.duplicateReport.push(`重发整批 ${RESENT_BATCH}（${original.events.length} 条，新 webhook-id ${again.webhookId}）→ 网关应答：${summary(again)}`);
      // The same request id once more: the replay guard refuses it whatever the signature.
      try {
        await client(ctx, original.partner).send(original.events, { webhookId: original.webhookId });
        throw new Error('the gateway accepted a reused webhook-id');
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 409) throw error;
        const code = (error.body as { code?: string } | undefined)?.code ?? '';
        ctx.duplicateReport.push(`复用原 webhook-id ${original.webhookId} 再发 → ${error.status} ${code}（防重放）`);
      }
      return summary(again);
    },
  });

  const r = republishedProject;
  steps.push({
    at: r.sentOn,
    lane: '合作方',
    label: `${PARTNER_NAMES[r.partner]}系统迁移后以新事件 id 重发已遴选项目 ${r.event.type === 'research.project.found.v1' ? r.event.data.projectId : ''}`,
    run: async () => {
      const result = await client(ctx, r.partner).send([envelopeOf(r.partner, r.event)]);
      ctx.duplicateReport.push(`同一项目以新事件 id ${r.event.id} 重发 → 网关：${summary(result)}；考核指标按项目去重（见溯源“重复”）`);
      return summary(result);
    },
  });
  return steps;
}
