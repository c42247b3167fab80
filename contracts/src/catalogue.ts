/**
 * THE catalogue: every event type that crosses a service boundary, keyed by
 * its `type` string. Producers and consumers are generic over `EventType`, so
 * payload types are inferred at compile time and checked at run time.
 *
 * WARNING: the keys are event type names on the wire. Renaming one breaks
 * running consumers, partner systems and the retained event history.
 */
import type { z } from 'zod';
import type { EventDefinition } from './define-event';
import * as center from './events/center';
import * as fund from './events/fund';
import * as industry from './events/industry';
import * as research from './events/research';
import * as service from './events/service';

const definitions = [
  research.ProjectSubmitted,
  research.ProjectScreened,
  research.ProjectFound,
  research.ProjectRejected,
  research.AchievementListed,
  industry.DemandPosted,
  industry.ChallengePublished,
  industry.ChallengeAwarded,
  industry.ConsortiumFormed,
  industry.ConsortiumMilestoneReached,
  service.AchievementTransferred,
  service.TrainingCompleted,
  service.ActivityHeld,
  fund.FundInvested,
  fund.GrantAwarded,
  fund.GrantConverted,
  center.KpiTargetSet,
  center.EventCorrected,
  center.KpiBehindPace,
  center.KpiBehindPaceV2,
] as const;

type Definitions = (typeof definitions)[number];

export type Catalogue = { [D in Definitions as D['type']]: D };
export type EventType = keyof Catalogue;

export const CATALOGUE = Object.fromEntries(definitions.map((d) => [d.type, d])) as unknown as Catalogue;
export const EVENT_TYPES = definitions.map((d) => d.type) as EventType[];

/** The validated data of an event type (after defaults are applied). */
export type EventData<T extends EventType> = z.output<Catalogue[T]['data']>;
/** What a producer may pass as data (before defaults). */
export type EventDataInput<T extends EventType> = z.input<Catalogue[T]['data']>;

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, type);
}

export function definitionOf<T extends EventType>(type: T): Catalogue[T] {
  return CATALOGUE[type];
}

/**
 * The headline of an event read back from storage (the KPI's archive): its
 * data as stored, which the type's schema accepted when it arrived. Null for
 * a type this catalogue does not know, or data its headline cannot read
 * (never thrown: a list of events must show every row).
 */
export function headlineOfEvent(type: string, data: unknown): string | null {
  if (!isEventType(type)) return null;
  try {
    return (CATALOGUE[type].headlineOf as (d: unknown) => string | null)(data);
  } catch {
    return null;
  }
}

/** All definitions, in catalogue order, typed loosely for generic tooling. */
export function allDefinitions(): readonly EventDefinition[] {
  return definitions as unknown as readonly EventDefinition[];
}

/**
 * Well-known type constants, so code never spells an event type as a bare
 * string literal (a typo would only fail at run time otherwise).
 */
export const EVENTS = {
  projectSubmitted: research.ProjectSubmitted.type,
  projectScreened: research.ProjectScreened.type,
  projectFound: research.ProjectFound.type,
  projectRejected: research.ProjectRejected.type,
  achievementListed: research.AchievementListed.type,
  demandPosted: industry.DemandPosted.type,
  challengePublished: industry.ChallengePublished.type,
  challengeAwarded: industry.ChallengeAwarded.type,
  consortiumFormed: industry.ConsortiumFormed.type,
  consortiumMilestoneReached: industry.ConsortiumMilestoneReached.type,
  achievementTransferred: service.AchievementTransferred.type,
  trainingCompleted: service.TrainingCompleted.type,
  activityHeld: service.ActivityHeld.type,
  fundInvested: fund.FundInvested.type,
  grantAwarded: fund.GrantAwarded.type,
  grantConverted: fund.GrantConverted.type,
  kpiTargetSet: center.KpiTargetSet.type,
  eventCorrected: center.EventCorrected.type,
  /** What the KPI service publishes now. */
  kpiBehindPace: center.KpiBehindPaceV2.type,
  /** Superseded; readers of older events still meet it. */
  kpiBehindPaceV1: center.KpiBehindPace.type,
} as const satisfies Record<string, EventType>;
