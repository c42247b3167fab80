import { Institution, InstitutionType, Region } from '@tjc/contracts';

/** Institutions are stored flat (id, name, region, type columns); these map both ways. */
export interface InstitutionColumns {
  readonly id: string | null;
  readonly name: string;
  readonly region: string;
  readonly type: string | null;
}

export function institutionOf(cols: InstitutionColumns): Institution {
  return {
    ...(cols.id !== null && { id: cols.id }),
    name: cols.name,
    region: Region.schema.parse(cols.region),
    ...(cols.type !== null && { type: InstitutionType.schema.parse(cols.type) }),
  };
}

export function columnsOf(institution: Institution): InstitutionColumns {
  return { id: institution.id ?? null, name: institution.name.trim(), region: institution.region, type: institution.type ?? null };
}
