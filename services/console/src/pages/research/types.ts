import type { IndustryField, InstitutionType, Region, RejectionReason } from '@tjc/contracts';

/** The research service's views (services/research-network projects.service.ts ProjectView). */
export const PROJECT_STATES = ['submitted', 'under-review', 'in-demonstration', 'found', 'in-joint-research', 'rejected'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export type ProjectAction = 'assign-experts' | 'record-review' | 'start-demonstration' | 'select' | 'reject' | 'start-joint-research';

export interface AllowedTransition {
  readonly action: ProjectAction;
  readonly to: ProjectState;
  readonly via: 'http' | 'event';
}

export interface PanelMember {
  readonly expertId: string;
  readonly expertName: string;
  readonly expertRegion: Region;
  readonly score: number | null;
  readonly comment: string | null;
  readonly reviewedAt: string | null;
}

export interface Project {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly institution: { readonly name: string; readonly region: Region; readonly type?: InstitutionType };
  readonly field: IndustryField;
  readonly trl: number;
  readonly team: readonly { readonly name: string; readonly role?: string }[];
  readonly summary: string | null;
  readonly confidentialDetail?: string | null;
  readonly state: ProjectState;
  readonly allowedTransitions: readonly AllowedTransition[];
  readonly submittedAt: string | null;
  readonly review: { readonly panel: readonly PanelMember[]; readonly averageScore: number | null; readonly passed: boolean | null; readonly completedAt: string | null };
  readonly demonstration: { readonly startedAt: string | null; readonly withHq: boolean | null; readonly conclusion: string | null };
  readonly foundAt: string | null;
  readonly landingPlan: { readonly summary: string; readonly targetPark?: string } | null;
  readonly rejection: { readonly stage: string; readonly reason: RejectionReason; readonly detail: string | null; readonly rejectedAt: string | null } | null;
  readonly consortiumIds: readonly string[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Expert {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly fields: readonly IndustryField[];
  readonly institutionName: string;
  readonly title: string | null;
  readonly active: boolean;
}

/** What a coordinator can do now through the API (event-driven transitions are shown, not offered). */
export function httpActions(p: Pick<Project, 'allowedTransitions'>): ProjectAction[] {
  return [...new Set(p.allowedTransitions.filter((t) => t.via === 'http').map((t) => t.action))];
}

/** The research service's reconciliation view (reconcile-projects.handler.ts ReconciliationView). */
export type ReconciliationStatus = 'pending' | 'confirmed' | 'rejected';
interface ReconciledProject {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly institutionName: string;
  readonly foundAt: string | null;
}
export interface Reconciliation {
  readonly id: string;
  readonly status: ReconciliationStatus;
  readonly canonical: ReconciledProject | null;
  readonly duplicate: ReconciledProject | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  readonly version: number;
}
