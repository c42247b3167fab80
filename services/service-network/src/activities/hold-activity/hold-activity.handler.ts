import { Injectable } from '@nestjs/common';
import { centerAttribution, EVENTS, type EventDataInput } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { businessTime, toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionActivity } from '../activity-transition';
import { toActivityView, type ActivityView } from '../activity.view';
import type { HoldActivityCommand } from './hold-activity.command';

export function activityHeldOf(view: ActivityView, held: HoldActivityCommand): EventDataInput<'service.activity.held.v1'> {
  return {
    activityId: view.id,
    type: view.type,
    title: view.title,
    heldOn: held.heldOn,
    place: view.place,
    organisers: [...view.organisers],
    participants: held.participants,
    pairsMatched: held.pairsMatched,
    ...(view.partnerRegions.length > 0 && { partnerRegions: [...view.partnerRegions] }),
    // The service network records the activities the center holds (#18.17): its own, whoever co-hosts.
    attribution: centerAttribution('tjc/service-network', 'own'),
  };
}

@Injectable()
export class HoldActivityHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(id: string, command: HoldActivityCommand, ctx: CommandContext): Promise<ActivityView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await transitionActivity(tx, {
        id,
        version: command.version,
        to: 'held',
        data: {
          heldOn: toDbDate(command.heldOn),
          heldAt: command.heldAt === undefined ? null : new Date(command.heldAt),
          participants: command.participants,
          pairsMatched: command.pairsMatched,
          ...(command.place !== undefined && { place: command.place }),
        },
      });
      const view = toActivityView(row);
      // The event's time is when it was held, so it counts in that Shanghai year.
      const event = await this.events.publish(tx, EVENTS.activityHeld, activityHeldOf(view, command), { time: businessTime(command.heldOn, command.heldAt) });
      await appendAudit(tx, {
        ...ctx,
        action: 'activity.held',
        entityType: 'activity',
        entityId: id,
        eventId: event.id,
        detail: { heldOn: command.heldOn, participants: command.participants, pairsMatched: command.pairsMatched, place: view.place },
      });
      return view;
    });
  }
}
