/**
 * The shape every rendered object has. The fields below the top are checked by the
 * vendored schemas (src/validate.ts), not by these types: typing all of Kubernetes,
 * Strimzi and CloudNativePG by hand would be a second, unchecked copy of those schemas.
 */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

/** One rendered file: objects applied together, in the order of the file names (docs/deploy.md). */
export interface ManifestFile {
  readonly file: string;
  readonly objects: readonly K8sObject[];
}
