import { z } from 'zod';

/** A user-facing label in the platform's two locales; zh-CN comes first. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/**
 * An enumeration whose every value carries zh-CN and English labels.
 *
 * Why a helper: the same list feeds the zod schema (validation), the JSON
 * Schema / AsyncAPI output (partners see the labels as `x-labels`) and the
 * UIs, so a value can never exist in one place without its labels.
 */
export function labelledEnum<const T extends Record<string, Label>>(name: string, labels: T) {
  const values = Object.keys(labels) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
  const schema = z.enum(values).meta({
    title: name,
    description: values.map((v) => `${v}: ${labels[v]!.zh} / ${labels[v]!.en}`).join('; '),
    'x-labels': labels,
  });
  return {
    name,
    schema,
    values,
    labels,
    label(value: Extract<keyof T, string>, locale: 'zh' | 'en' = 'zh'): string {
      return labels[value]![locale];
    },
  } as const;
}
