import { describe, expect, it } from 'vitest';
import { Network, Region } from '@tjc/contracts';
import { en } from './en';
import { labelOf, optionsOf, sourceLabel } from './labels';
import { zh } from './zh';

type Tree = { readonly [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const zhLeaves = leaves(zh as unknown as Tree);
  const enLeaves = leaves(en as unknown as Tree);

  it('have exactly the same keys in zh-CN and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });
  it('have no empty labels', () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
  });
  it('use the same {{placeholders}} in both languages', () => {
    for (const [key, value] of zhLeaves) expect({ key, p: placeholders(enLeaves.get(key) ?? '') }).toEqual({ key, p: placeholders(value) });
  });
  it('write Chinese in zh-CN', () => {
    // Every zh-CN sentence-like label has at least one CJK character (codes such as "TRL" or "JSON" excepted).
    const latinOnly = [...zhLeaves].filter(([, v]) => !/[\u4e00-\u9fff]/.test(v) && v.length > 4 && !/^(JSON|Excel|CSV)/.test(v));
    expect(latinOnly).toEqual([]);
  });
});

describe('vocabulary labels from @tjc/contracts', () => {
  it('label values in both languages and fall back to the key for unknown ones', () => {
    expect(labelOf(Region, 'xiongan', 'zh')).toBe('雄安');
    expect(labelOf(Region, 'xiongan', 'en')).toBe("Xiong'an");
    expect(labelOf(Region, 'mars', 'zh')).toBe('mars');
    expect(labelOf(Region, null, 'zh')).toBe('—');
  });
  it('offer every value of a vocabulary as an option', () => {
    expect(optionsOf(Network, 'zh').map((o) => o.value)).toEqual(['research', 'industry', 'service', 'fund']);
  });
  it('label sources', () => expect(sourceLabel('partner/hebei-center', 'zh')).toBe('河北中心'));
});

describe('keys the code uses', () => {
  // The source of every screen, as text (Vite's glob import), to find the literal keys passed to t().
  const sources = import.meta.glob<string>(['../**/*.tsx', '../**/*.ts', '!../**/*.spec.ts'], { query: '?raw', import: 'default', eager: true });
  const zhLeaves = leaves(zh as unknown as Tree);
  const isPrefix = (key: string) => [...zhLeaves.keys()].some((k) => k.startsWith(`${key}.`));

  it('exist in the dictionaries (so no screen shows a raw key)', () => {
    const missing: string[] = [];
    let found = 0;
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) {
        const key = m[1]!;
        found++;
        if (!zhLeaves.has(key) && !isPrefix(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    // The scan matched: the screens use hundreds of literal keys.
    expect(found).toBeGreaterThan(300);
  });
  it('finds the keys at all (the scan itself works)', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.values(sources).some((text) => text.includes("t('corrections.submit')"))).toBe(true);
  });
});
