import { CodecError } from '../errors.js';
import type { XmlElement } from '../xml/node.js';
import type { Attrs } from '../xml/write.js';
import type { PageView, RootFolderPaging } from '../types.js';
import { readBool, readInt } from '../properties/scalars.js';

/** Attributes of `m:IndexedPageItemView` / `m:CalendarView`. */
export function viewAttrs(v: PageView): Attrs {
  return v.kind === 'Indexed'
    ? { MaxEntriesReturned: v.maxEntriesReturned, Offset: v.offset, BasePoint: v.basePoint }
    : { MaxEntriesReturned: v.maxEntriesReturned, StartDate: v.startDate, EndDate: v.endDate };
}

export function readView(el: XmlElement): PageView {
  const max = readInt(el.attrs['MaxEntriesReturned']);
  if (el.local === 'CalendarView') {
    const { StartDate: startDate, EndDate: endDate } = el.attrs;
    if (!startDate || !endDate) throw new CodecError('unexpected', 'CalendarView needs StartDate and EndDate');
    const v: PageView = { kind: 'Calendar', startDate, endDate };
    if (max !== undefined) v.maxEntriesReturned = max;
    return v;
  }
  const v: PageView = {
    kind: 'Indexed',
    offset: readInt(el.attrs['Offset'] ?? '0')!,
    basePoint: el.attrs['BasePoint'] === 'End' ? 'End' : 'Beginning',
  };
  if (max !== undefined) v.maxEntriesReturned = max;
  return v;
}

export function pagingAttrs(p: Partial<RootFolderPaging>): Attrs {
  return {
    IndexedPagingOffset: p.indexedPagingOffset,
    TotalItemsInView: p.totalItemsInView,
    IncludesLastItemInRange: p.includesLastItemInRange,
  };
}

export function readPaging(el: XmlElement): RootFolderPaging {
  const p: RootFolderPaging = {
    totalItemsInView: readInt(el.attrs['TotalItemsInView'] ?? '0')!,
    includesLastItemInRange: readBool(el.attrs['IncludesLastItemInRange'] ?? 'true')!,
  };
  const offset = readInt(el.attrs['IndexedPagingOffset']);
  if (offset !== undefined) p.indexedPagingOffset = offset;
  return p;
}
