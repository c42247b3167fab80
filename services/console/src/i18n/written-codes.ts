import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Reads, from the services' TypeScript sources, the codes they write that the
 * console labels (audit actions, dead-letter kinds, quarantine reasons, …), so
 * the coverage tests (codes.spec.ts) fail when a service starts writing a code
 * the console has no label for. Node only: imported by specs, never by a screen.
 */

export interface SourceFile {
  /** Repository-relative path, `services/<name>/src/…` or `packages/<name>/src/…`. */
  readonly path: string;
  readonly text: string;
}

export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** Production sources of every service but the console, and of the shared packages (tests and test harnesses left out). */
export function serviceSources(root: string = REPO_ROOT): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing' && entry.name !== 'generated' && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({ path: relative(root, full), text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const group of ['services', 'packages']) {
    for (const pkg of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!pkg.isDirectory() || (group === 'services' && pkg.name === 'console')) continue;
      const src = join(root, group, pkg.name, 'src');
      try {
        walk(src);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  return out;
}

export function readSource(path: string, root: string = REPO_ROOT): SourceFile {
  return { path, text: readFileSync(join(root, path), 'utf8') };
}

const parse = (file: SourceFile) => ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

function where(node: ts.Node): string {
  const sf = node.getSourceFile();
  return `${sf.fileName}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}

function forEachDescendant(node: ts.Node, visit: (n: ts.Node) => void): void {
  ts.forEachChild(node, (child) => {
    visit(child);
    forEachDescendant(child, visit);
  });
}

/** The string literal types of a type annotation (`'a' | 'b'`), or undefined if it is anything else. */
function literalTypes(type: ts.TypeNode | undefined): string[] | undefined {
  if (!type) return undefined;
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  if (ts.isUnionTypeNode(type)) {
    const parts = type.types.map(literalTypes);
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

const isFunctionLike = (n: ts.Node): n is ts.SignatureDeclaration & { readonly parameters: ts.NodeArray<ts.ParameterDeclaration> } =>
  ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n);

/** The parameter `name` refers to at `from`, with the function declaring it and its position. */
function parameterOf(from: ts.Node, name: string): { fn: ts.SignatureDeclaration; index: number; param: ts.ParameterDeclaration } | undefined {
  for (let n: ts.Node | undefined = from.parent; n; n = n.parent) {
    if (!isFunctionLike(n)) continue;
    const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (index >= 0) return { fn: n, index, param: n.parameters[index]! };
  }
  return undefined;
}

/** A `const name = …` visible from `from` (same block or an enclosing one). */
function constOf(from: ts.Node, name: string): ts.Expression | undefined {
  for (let n: ts.Node | undefined = from.parent; n; n = n.parent) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    for (const statement of n.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      const d = statement.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
      if (d?.initializer) return d.initializer;
    }
  }
  return undefined;
}

/**
 * Every string `expr` can evaluate to, read syntactically: literals,
 * `a ? 'x' : 'y'`, templates over those, and identifiers bound to a const or
 * to a parameter typed as a union of string literals. Undefined when it
 * cannot be known without running the code.
 */
export function stringValues(expr: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return stringValues(expr.expression);
  if (ts.isConditionalExpression(expr)) {
    const a = stringValues(expr.whenTrue);
    const b = stringValues(expr.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isTemplateExpression(expr)) {
    let acc: string[] = [expr.head.text];
    for (const span of expr.templateSpans) {
      const values = stringValues(span.expression);
      if (!values) return undefined;
      acc = acc.flatMap((prefix) => values.map((v) => `${prefix}${v}${span.literal.text}`));
    }
    return acc;
  }
  if (ts.isIdentifier(expr)) {
    const param = parameterOf(expr, expr.text);
    if (param) return literalTypes(param.param.type);
    const init = constOf(expr, expr.text);
    return init ? stringValues(init) : undefined;
  }
  return undefined;
}

/** Where audit records get their action: `appendAudit(tx, entry)`, and every function that forwards an entry or an action to it. */
interface Sink {
  readonly name: string;
  /** The argument holding the whole entry (`{ action, … }`) … */
  readonly entryArg?: number;
  /** … or the action itself. */
  readonly actionArg?: number;
}

export interface AuditActions {
  /** Each action with where it is written. */
  readonly actions: ReadonlyMap<string, readonly string[]>;
  /** Calls whose action cannot be read from the source: to be made static, or the scan taught how to read them. */
  readonly unresolved: readonly string[];
}

/** The package a file belongs to (`services/kpi`): a wrapper such as industry's `audit()` is called by that name only inside it. */
const packageOf = (path: string) => path.split('/').slice(0, 2).join('/');

/** The name a forwarding function is called by: a function declaration's, or the const an arrow function is assigned to. */
function nameOf(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

/**
 * The audit actions the given sources write: the `action` of every entry
 * passed to `appendAudit` (packages/runtime), following functions that
 * forward an entry or an action to it (industry's `audit(tx, who, 'x.y', …)`,
 * the runtime's denial `append(…)`).
 */
export function auditActions(files: readonly SourceFile[]): AuditActions {
  const parsed = files.map((f) => ({ pkg: packageOf(f.path), sf: parse(f) }));
  const sinks = new Map<string, Sink>([['*:appendAudit', { name: 'appendAudit', entryArg: 1 }]]);
  const sinkFor = (pkg: string, name: string) => sinks.get(`*:${name}`) ?? sinks.get(`${pkg}:${name}`);
  const actions = new Map<string, string[]>();
  const unresolved: string[] = [];

  // A wrapper found late makes calls seen earlier into sinks: scan again until no new wrapper turns up.
  for (let size = 0; size !== sinks.size; ) {
    size = sinks.size;
    actions.clear();
    unresolved.length = 0;
    for (const { pkg, sf } of parsed) {
      forEachDescendant(sf, (node) => {
        if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
        const sink = sinkFor(pkg, node.expression.text);
        if (!sink) return;
        let action: ts.Expression | undefined;
        if (sink.actionArg !== undefined) action = node.arguments[sink.actionArg];
        else {
          const entry = node.arguments[sink.entryArg ?? 1];
          if (entry && ts.isIdentifier(entry)) {
            const forwarded = parameterOf(entry, entry.text);
            const name = forwarded && nameOf(forwarded.fn);
            if (forwarded && name) {
              sinks.set(`${pkg}:${name}`, { name, entryArg: forwarded.index });
              return;
            }
          }
          if (entry && ts.isObjectLiteralExpression(entry)) {
            for (const p of entry.properties) {
              if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'action') action = p.initializer;
              if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'action') action = p.name;
            }
          }
        }
        if (action && ts.isIdentifier(action)) {
          const forwarded = parameterOf(action, action.text);
          const name = forwarded && nameOf(forwarded.fn);
          if (forwarded && name && !literalTypes(forwarded.param.type)) {
            sinks.set(`${pkg}:${name}`, { name, actionArg: forwarded.index });
            return;
          }
        }
        const values = action && stringValues(action);
        if (!values) {
          unresolved.push(`${where(node)}: ${node.getText().slice(0, 120)}`);
          return;
        }
        for (const v of values) actions.set(v, [...(actions.get(v) ?? []), where(node)]);
      });
    }
  }
  return { actions, unresolved };
}

/** The string literals of `type Name = 'a' | 'b' | …` in a file. */
export function literalUnion(file: SourceFile, typeName: string): string[] {
  let found: string[] | undefined;
  forEachDescendant(parse(file), (n) => {
    if (ts.isTypeAliasDeclaration(n) && n.name.text === typeName) found = literalTypes(n.type);
  });
  if (!found) throw new Error(`${file.path}: no union of string literals named ${typeName}`);
  return found;
}

/** The strings of `const NAME = ['a', 'b'] as const` (or the values of `const NAME = { k: 'a' }`) in a file. */
export function literalConst(file: SourceFile, constName: string): string[] {
  let found: string[] | undefined;
  forEachDescendant(parse(file), (n) => {
    if (!ts.isVariableDeclaration(n) || !ts.isIdentifier(n.name) || n.name.text !== constName || !n.initializer) return;
    let init: ts.Expression = n.initializer;
    while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
    const elements = ts.isArrayLiteralExpression(init) ? [...init.elements] : ts.isObjectLiteralExpression(init) ? init.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : p)) : [];
    const values = elements.map((e) => (ts.isStringLiteral(e) ? e.text : undefined));
    if (values.length && values.every((v) => v !== undefined)) found = values as string[];
  });
  if (!found) throw new Error(`${file.path}: no const ${constName} of string literals`);
  return found;
}

/** The string literals of a property's type in an interface: `interface Name { status: 'a' | 'b' }`. */
export function literalProperty(file: SourceFile, interfaceName: string, property: string): string[] {
  let found: string[] | undefined;
  forEachDescendant(parse(file), (n) => {
    if (!ts.isInterfaceDeclaration(n) || n.name.text !== interfaceName) return;
    for (const m of n.members) if (ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === property) found = literalTypes(m.type);
  });
  if (!found) throw new Error(`${file.path}: no ${interfaceName}.${property} typed as string literals`);
  return found;
}

/** Every string literal assigned to a property of this name in object literals (`channel: 'http'`) across the files. */
export function propertyLiterals(files: readonly SourceFile[], property: string): string[] {
  const out = new Set<string>();
  for (const file of files) {
    forEachDescendant(parse(file), (n) => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === property && ts.isStringLiteral(n.initializer)) out.add(n.initializer.text);
    });
  }
  return [...out];
}
