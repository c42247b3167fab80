/**
 * Static check over every service's source (no database): a write that publishes an
 * event and appends an audit row in the same function must name that event on the
 * row (`eventId`). The console's 追踪 link of an audit row follows that id to the
 * trace; eleven handlers once dropped it by publishing after auditing and
 * discarding the publisher's result.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '..', '..', '..', '..');
const servicesDir = path.join(root, 'services');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'generated' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !/\.(spec|int-spec|e2e|test)\.ts$/.test(name) ? [full] : [];
  });
}

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly call: string;
}

const isAuditCall = (call: ts.CallExpression): boolean =>
  ts.isIdentifier(call.expression) && (call.expression.text === 'appendAudit' || call.expression.text === 'audit');

// `this.events.publish(tx, …)`, `events.publish(tx, …)`: the outbox publisher, which returns the staged event;
// or a helper handed the publisher (`publishConsortiumFormed(this.events, tx, …)`), which publishes for the caller.
const isPublisher = (node: ts.Node): boolean => /^(this\.)?events$/.test(node.getText());
const isPublishCall = (call: ts.CallExpression): boolean =>
  (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'publish' && isPublisher(call.expression.expression)) || call.arguments.some(isPublisher);

/** An audit row that rightly names no event says which and why, in a comment just above it: `// Audit row's event: …` (none; or the consumed event, carried by the actor). */
function saysWhyNoEvent(text: string, call: ts.CallExpression): boolean {
  let statement: ts.Node = call;
  while (!ts.isExpressionStatement(statement) && statement.parent !== undefined) statement = statement.parent;
  const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  return comments.some((c) => /Audit row's event: \S/.test(text.slice(c.pos, c.end)));
}

/** Audit calls that do not name an event, in functions that also publish one (nested functions are judged on their own). */
export function auditRowsWithoutEvent(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const visitFunction = (fn: ts.Node): void => {
    const audits: ts.CallExpression[] = [];
    let publishes = 0;
    const walk = (node: ts.Node): void => {
      if (node !== fn && ts.isFunctionLike(node)) return visitFunction(node);
      if (ts.isCallExpression(node)) {
        if (isAuditCall(node)) audits.push(node);
        else if (isPublishCall(node)) publishes += 1;
      }
      ts.forEachChild(node, walk);
    };
    ts.forEachChild(fn, walk);
    if (publishes === 0) return;
    for (const call of audits) {
      if (!/\beventId\b/.test(call.getText()) && !saysWhyNoEvent(text, call)) {
        findings.push({ file: path.relative(root, file), line: source.getLineAndCharacterOfPosition(call.getStart()).line + 1, call: call.getText().split('\n')[0]! });
      }
    }
  };
  const top = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return visitFunction(node);
    ts.forEachChild(node, top);
  };
  top(source);
  return findings;
}

const files = existsSync(servicesDir) ? readdirSync(servicesDir).flatMap((s) => (existsSync(path.join(servicesDir, s, 'src')) ? sourceFiles(path.join(servicesDir, s, 'src')) : [])) : [];

describe('audit rows name the event their change published', () => {
  it('reads the services’ sources', () => expect(files.length).toBeGreaterThan(50));

  it('flags an audit row appended beside a publish without the event’s id (the check can fail)', () => {
    const bad = `class H { run(tx) { return db.$transaction(async (tx) => {
      await appendAudit(tx, { actor: 'a', action: 'x.done', entityType: 'x', entityId: '1', detail: {} });
      await this.events.publish(tx, EVENTS.x, {}, {});
    }); } }`;
    const good = `class H { run(tx) { return db.$transaction(async (tx) => {
      const event = await this.events.publish(tx, EVENTS.x, {}, {});
      await audit(tx, { ...who, eventId: event.id }, 'x.done', 'x', '1', {});
    }); } }`;
    const explained = `async function f(tx, events) {
      await rejudge(events, tx);
      // Audit row's event: none, the helper names its own.
      await audit(tx, who, 'x.done', 'x', '1', {});
    }`;
    expect(auditRowsWithoutEvent('bad.ts', bad)).toHaveLength(1);
    expect(auditRowsWithoutEvent('helper.ts', explained.replace(/\/\/ Audit row's event:.*\n/, ''))).toHaveLength(1);
    expect(auditRowsWithoutEvent('good.ts', good)).toEqual([]);
    expect(auditRowsWithoutEvent('explained.ts', explained)).toEqual([]);
  });

  it('holds in every service', () => {
    const findings = files.flatMap((f) => auditRowsWithoutEvent(f, readFileSync(f, 'utf8')));
    expect(findings).toEqual([]);
  });
});
