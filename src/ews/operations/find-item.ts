import { NS } from '../namespaces.js';
import { child } from '../xml/node.js';
import { CodecError } from '../errors.js';
import type { Operation, ServerOperation } from '../operation.js';
import type { FieldOrder, FolderRef, Item, ItemShape, PageView, Restriction, RootFolderPaging } from '../types.js';
import { readFolderRefs } from '../properties/ids.js';
import { readItems } from '../properties/item.js';
import { readItemShape, writeItemShape } from '../properties/shape.js';
import { readRestrictionIn, readSortOrder, writeRestriction, writeSortOrder } from '../properties/restriction.js';
import { writeFolderRefs, writeItems } from '../properties/lists.js';
import { pagingAttrs, readPaging, readView, viewAttrs } from './paging.js';

/**
 * Lists items of folders, paged (IndexedPageItemView) or by time (CalendarView), optionally
 * filtered and sorted. Tern uses it to find its own drafts by operation id.
 * @see https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/finditem
 */
export interface FindItemRequest {
  traversal: 'Shallow' | 'SoftDeleted' | 'Associated';
  itemShape: ItemShape;
  view?: PageView;
  restriction?: Restriction;
  sortOrder?: FieldOrder[];
  parentFolderIds: FolderRef[];
}

export interface FindItemMessage {
  rootFolder: RootFolderPaging & { items: Item[] };
}

export const FindItem: Operation<FindItemRequest, FindItemMessage> = {
  name: 'FindItem',
  requestAttrs: (r) => ({ Traversal: r.traversal }),
  writeRequest(w, r) {
    writeItemShape(w, 'm:ItemShape', r.itemShape);
    if (r.view) w.empty(r.view.kind === 'Indexed' ? 'm:IndexedPageItemView' : 'm:CalendarView', viewAttrs(r.view));
    if (r.restriction) w.el('m:Restriction', undefined, () => writeRestriction(w, r.restriction!));
    if (r.sortOrder?.length) writeSortOrder(w, 'm:SortOrder', r.sortOrder);
    writeFolderRefs(w, 'm:ParentFolderIds', r.parentFolderIds);
  },
  readMessage(el) {
    const root = child(el, NS.m, 'RootFolder');
    if (!root) return {};
    return { rootFolder: { ...readPaging(root), items: readItems(child(root, NS.t, 'Items')) } };
  },
};

/** FindItem as a server reads its requests and writes its answers. */
export const FindItemServer: ServerOperation<FindItemRequest, FindItemMessage> = {
  name: 'FindItem',
  readRequest(el) {
    const traversal = el.attrs['Traversal'] ?? 'Shallow';
    if (traversal !== 'Shallow' && traversal !== 'SoftDeleted' && traversal !== 'Associated')
      throw new CodecError('unexpected', `FindItem Traversal "${traversal}" is not Shallow, SoftDeleted or Associated`);
    const r: FindItemRequest = {
      traversal,
      itemShape: readItemShape(child(el, NS.m, 'ItemShape')),
      parentFolderIds: readFolderRefs(child(el, NS.m, 'ParentFolderIds')),
    };
    const view = el.children.find(
      (c) => c.uri === NS.m && (c.local === 'IndexedPageItemView' || c.local === 'CalendarView'),
    );
    const restriction = readRestrictionIn(child(el, NS.m, 'Restriction'));
    const sort = child(el, NS.m, 'SortOrder');
    if (view) r.view = readView(view);
    if (restriction) r.restriction = restriction;
    if (sort) r.sortOrder = readSortOrder(sort);
    return r;
  },
  writeMessage(w, m) {
    if (!m.rootFolder) return;
    w.el('m:RootFolder', pagingAttrs(m.rootFolder), () => writeItems(w, 't:Items', m.rootFolder!.items));
  },
};
