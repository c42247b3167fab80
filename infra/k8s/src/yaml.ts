import { stringify } from 'yaml';
import type { K8sObject } from './model';

/**
 * Multi-document YAML, keys in the order the renderer wrote them (kubectl's own output
 * order is not stable across versions; ours is, so a diff shows only real changes).
 * Long strings are not folded: a folded roles.sql or CEL rule would be hard to read back.
 */
export function toYaml(objects: readonly K8sObject[], overlay: string): string {
  const header = `# Rendered by \`pnpm k8s:render\` from infra/k8s/src (overlay: ${overlay}). Do not edit: change the renderer.\n`;
  return header + objects.map((o) => `---\n${stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('');
}
