import type { ExtendedFieldURI } from '../../ews/index.js';

// Well-known MAPI property sets: a client may name one by GUID or by its distinguished name, and
// both must find the same property.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedfielduri
const SETS: Record<string, string> = {
  '00020329-0000-0000-c000-000000000046': 'PublicStrings',
  '00062008-0000-0000-c000-000000000046': 'Common',
  '00020386-0000-0000-c000-000000000046': 'InternetHeaders',
  '00062002-0000-0000-c000-000000000046': 'Appointment',
  '6ed8da90-450b-101b-98da-00aa003f1305': 'Meeting',
  '00062003-0000-0000-c000-000000000046': 'Task',
  '00062004-0000-0000-c000-000000000046': 'Address',
  '00062041-0000-0000-c000-000000000046': 'Sharing',
  '41f28f13-83f4-4114-a584-eedb5a6b0bff': 'CalendarAssistant',
  '33eba41f-7aa8-422e-be7b-79e1a98e54b3': 'UnifiedMessaging',
};

/**
 * One key per extended property whatever way the client wrote it: tags are already canonical
 * (`0x%x`, from the codec), sets are folded to their distinguished names, and InternetHeaders
 * names are case-insensitive like the headers they stand for.
 */
export function propKey(f: ExtendedFieldURI): string {
  if (f.propertyTag !== undefined) return `tag:${f.propertyTag}`;
  const guid = f.propertySetId?.toLowerCase();
  const set = f.distinguishedPropertySetId ?? (guid && SETS[guid]) ?? guid ?? '';
  if (f.propertyName !== undefined)
    return `name:${set}:${set === 'InternetHeaders' ? f.propertyName.toLowerCase() : f.propertyName}`;
  return `id:${set}:${f.propertyId ?? ''}`;
}

/** The InternetHeaders property that stands for a MIME header, as `propKey` names it. */
export const headerKey = (name: string) => `name:InternetHeaders:${name.toLowerCase()}`;

const MULTI = /Array$/;
export const isMultiValued = (f: ExtendedFieldURI) => MULTI.test(f.propertyType);
