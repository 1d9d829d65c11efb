import type { ItemKind } from '../../../ews/index.js';

/**
 * The EWS element an item is written as, by its message class.
 * @see https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/item-types-and-message-classes
 */
export function itemKind(itemClass: string): ItemKind {
  const c = itemClass.toLowerCase();
  if (c.startsWith('ipm.schedule.meeting.request')) return 'MeetingRequest';
  if (c.startsWith('ipm.schedule.meeting.canceled')) return 'MeetingCancellation';
  if (c.startsWith('ipm.schedule.meeting.resp')) return 'MeetingResponse';
  if (c.startsWith('ipm.appointment')) return 'CalendarItem';
  if (c.startsWith('ipm.contact')) return 'Contact';
  if (c.startsWith('ipm.distlist')) return 'DistributionList';
  if (c.startsWith('ipm.task')) return 'Task';
  if (c.startsWith('ipm.post')) return 'PostItem';
  if (c.startsWith('ipm.note') || c === 'ipm' || c.startsWith('report.')) return 'Message';
  return 'Item';
}
