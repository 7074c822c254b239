import type { NotificationInput } from '../notifications/notifications.repository';
import type { PlacementWorkerDto } from './dto/placement.dto';

/**
 * The in-app notices to the employer's users about placements with it (issue 16, item 11). Pure.
 * They name the worker from PlacementWorkerDto only, the employer's minimal view (names, case
 * number, citizenship): nothing of the dossier, and never why a placement ended or was cancelled
 * (that could reveal a complaint).
 */
const named = (w: PlacementWorkerDto) =>
  `${w.lastNameLat} ${w.firstNameLat} (${w.lastNameCyr} ${w.firstNameCyr}, case ${w.caseNumber}, citizen of ${w.citizenship})`;
const about = (placementId: string) => ({ entityType: 'placement', entityId: placementId });

export const PlacementNotices = {
  created: (placementId: string, worker: PlacementWorkerDto, startDate: string, planned: boolean): NotificationInput => ({
    kind: 'placement.created',
    title: 'A worker is placed with you',
    body:
      `${named(worker)} ${planned ? 'will start' : 'started'} work with you on ${startDate}. ` +
      `Notify the MVD of the labour contract within 3 working days of its start.`,
    ...about(placementId),
  }),
  ended: (placementId: string, worker: PlacementWorkerDto, endDate: string): NotificationInput => ({
    kind: 'placement.ended',
    title: 'A placement with you has ended',
    body: `The placement of ${named(worker)} ended on ${endDate}. Notify the MVD that the labour contract ended within 3 working days.`,
    ...about(placementId),
  }),
  cancelled: (placementId: string, worker: PlacementWorkerDto, startDate: string): NotificationInput => ({
    kind: 'placement.cancelled',
    title: 'A planned placement with you was cancelled',
    body: `The placement of ${named(worker)} that was to start on ${startDate} is cancelled: the worker will not start work with you.`,
    ...about(placementId),
  }),
};
