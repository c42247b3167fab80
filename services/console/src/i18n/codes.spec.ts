import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type i18n as I18n } from 'i18next';
import { TOPICS } from '@tjc/contracts';
import { OPS_SERVICES } from '../pages/ops/services';
import { en } from './en';
import { codeLabel, type CodeFamily } from './labels';
import { auditActions, literalConst, literalProperty, literalUnion, propertyLiterals, readSource, serviceSources, type SourceFile } from './written-codes';
import { zh } from './zh';

/**
 * Every code the services write that the console labels has a label in both
 * languages, read from the services' sources: a service that starts writing a
 * new audit action, dead-letter kind or quarantine reason fails this test until
 * the console labels it (the screen would show the bare code, muted, meanwhile).
 */

// One i18next per language, without fallback: a label missing in English must not pass as the Chinese one.
const languages: Record<'zh-CN' | 'en', I18n> = { 'zh-CN': i18next.createInstance(), en: i18next.createInstance() };
beforeAll(async () => {
  for (const [lng, instance] of Object.entries(languages)) {
    await instance.init({ resources: { 'zh-CN': { translation: zh }, en: { translation: en } }, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  }
});

/** The codes of a family without a label in one language or the other, as `code (language)`. */
function unlabelled(family: CodeFamily, codes: Iterable<string>): string[] {
  const out: string[] = [];
  for (const code of codes) {
    for (const [lng, instance] of Object.entries(languages)) {
      if (codeLabel(instance, family, code) === undefined) out.push(`${code} (${lng})`);
    }
  }
  return out;
}

describe('audit actions', () => {
  const written = auditActions(serviceSources());

  it('are all read from the sources (none built in a way the scan cannot follow)', () => {
    expect(written.unresolved).toEqual([]);
    // The scan matched: the services write about a hundred actions, through appendAudit and industry's audit().
    expect(written.actions.size).toBeGreaterThan(90);
    expect(written.actions.has('consortium.partner-reported')).toBe(true);
    expect(written.actions.has('access.denied.summary')).toBe(true);
    expect(written.actions.has('project.reconciliation-confirmed')).toBe(true);
  });

  it('each have a label in zh-CN and English', () => {
    expect(unlabelled('audit.actions', written.actions.keys())).toEqual([]);
  });

  it('are labelled for real: a dotted action resolves in both languages', () => {
    expect(codeLabel(languages['zh-CN'], 'audit.actions', 'project.submitted')).toBe('项目已提交');
    expect(codeLabel(languages.en, 'audit.actions', 'access.denied.summary')).toBe('Access denied (anonymous summary)');
    expect(codeLabel(languages['zh-CN'], 'audit.actions', 'access.denied')).toBe('拒绝访问');
  });

  it('report an action written without a label (the check can fail)', () => {
    const fake: SourceFile[] = [
      {
        path: 'services/fake/src/shared/audit.ts',
        text: `export function audit(tx: Tx, who: Actor, action: string, id: string) { return appendAudit(tx, { actor: who.actor, action, entityType: 'x', entityId: id, detail: {} }); }`,
      },
      {
        path: 'services/fake/src/things/thing.handler.ts',
        text: `
          await appendAudit(tx, { actor, action: 'project.submitted', entityType: 'project', entityId: id, detail: {} });
          await appendAudit(tx, { actor, action: 'thing.unlabelled', entityType: 'thing', entityId: id, detail: {} });
          await audit(tx, who, 'thing.via-wrapper', id);
          function decide(to: 'kept' | 'dropped') { return appendAudit(tx, { actor, action: \`thing.\${to}\`, entityType: 'thing', entityId: id, detail: {} }); }
          await appendAudit(tx, { actor, action: pickAction(), entityType: 'thing', entityId: id, detail: {} });`,
      },
    ];
    const scanned = auditActions(fake);
    expect([...scanned.actions.keys()].sort()).toEqual(['project.submitted', 'thing.dropped', 'thing.kept', 'thing.unlabelled', 'thing.via-wrapper']);
    expect(unlabelled('audit.actions', scanned.actions.keys())).toEqual([
      'thing.unlabelled (zh-CN)',
      'thing.unlabelled (en)',
      'thing.via-wrapper (zh-CN)',
      'thing.via-wrapper (en)',
      'thing.kept (zh-CN)',
      'thing.kept (en)',
      'thing.dropped (zh-CN)',
      'thing.dropped (en)',
    ]);
    expect(scanned.unresolved).toEqual([expect.stringContaining('services/fake/src/things/thing.handler.ts:6: appendAudit(tx, { actor, action: pickAction()')]);
  });
});

describe('ops codes', () => {
  it('dead-letter error kinds (packages/runtime FAILURE_KINDS)', () => {
    const kinds = literalConst(readSource('packages/runtime/src/consumer/errors.ts'), 'FAILURE_KINDS');
    expect(kinds).toContain('permanent');
    expect(unlabelled('ops.errorKinds', kinds)).toEqual([]);
  });
  it('dead-letter statuses (packages/runtime DeadLetterView)', () => {
    const statuses = literalProperty(readSource('packages/runtime/src/dead-letters/dead-letters.service.ts'), 'DeadLetterView', 'status');
    expect(statuses).toContain('replayed');
    expect(unlabelled('ops.deadLetterStatuses', statuses)).toEqual([]);
  });
  it('replay outcomes (packages/runtime ProcessOutcome)', () => {
    const outcomes = literalUnion(readSource('packages/runtime/src/consumer/reliable-kafka.server.ts'), 'ProcessOutcome');
    expect(unlabelled('ops.replayOutcomes', outcomes)).toEqual([]);
  });
  it('quarantine reasons (partner-gateway QuarantineKind)', () => {
    const kinds = literalUnion(readSource('services/partner-gateway/src/ingest/receive-batch/receive-batch.command.ts'), 'QuarantineKind');
    expect(kinds).toEqual(expect.arrayContaining(['not_granted', 'dead_letter']));
    expect(unlabelled('ops.quarantineKinds', kinds)).toEqual([]);
  });
  it('quarantine channels (every `channel:` the partner gateway writes)', () => {
    const channels = propertyLiterals(serviceSources().filter((f) => f.path.startsWith('services/partner-gateway/')), 'channel');
    expect(channels).toEqual(expect.arrayContaining(['http', 'kafka']));
    expect(unlabelled('ops.channels', channels)).toEqual([]);
  });
  it('KPI job queues and the job states they report (services/kpi QUEUES, GAUGE_STATES)', () => {
    const jobs = readSource('services/kpi/src/jobs/kpi-jobs.service.ts');
    expect(unlabelled('ops.queueNames', literalConst(jobs, 'QUEUES'))).toEqual([]);
    expect(unlabelled('ops.jobStates', literalConst(jobs, 'GAUGE_STATES'))).toEqual([]);
  });
  it('topics of @tjc/contracts and the watched services', () => {
    expect(unlabelled('ops.topics', Object.keys(TOPICS))).toEqual([]);
    expect(unlabelled('ops.services', OPS_SERVICES.map((s) => s.key))).toEqual([]);
  });
  it('report a code without a label, and refuse a set they cannot read (the checks can fail)', () => {
    const fake: SourceFile = { path: 'services/fake/src/kinds.ts', text: `export type Kind = 'permanent' | 'brand_new';\nexport type Loose = string;` };
    expect(unlabelled('ops.errorKinds', literalUnion(fake, 'Kind'))).toEqual(['brand_new (zh-CN)', 'brand_new (en)']);
    expect(() => literalUnion(fake, 'Loose')).toThrow(/no union of string literals named Loose/);
  });
});
