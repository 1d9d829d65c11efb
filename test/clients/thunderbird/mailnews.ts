import type { Marionette } from '../marionette.js';
import { INCOMING_KEY, OUTGOING_KEY } from './profile.js';

/** A message as Thunderbird's folder database lists it. */
export interface TbMessage {
  /** Message-ID without angle brackets, as nsIMsgDBHdr keeps it. */
  messageId: string;
  subject: string;
  isRead: boolean;
  isFlagged: boolean;
}

/** A folder of Thunderbird's tree: `Projects/Alpha`. */
export interface TbFolder {
  path: string;
  total: number;
}

// Chrome-context helpers prepended to every script. Folders are named by their path of display
// names under the account root; messages by their Message-ID.
const PRELUDE = `
const { MailServices } = ChromeUtils.importESModule('resource:///modules/MailServices.sys.mjs');
const server = MailServices.accounts.getAccount('account1').incomingServer;
const folderAt = (path) => {
  let f = server.rootFolder;
  for (const name of path.split('/')) {
    const next = f.subFolders.find((s) => s.name === name);
    if (!next) throw new Error('Thunderbird has no folder ' + path);
    f = next;
  }
  return f;
};
const hdrOf = (folder, messageId) => {
  const h = [...folder.messages].find((m) => m.messageId === messageId);
  if (!h) throw new Error('Thunderbird has no message <' + messageId + '> in ' + folder.name);
  return h;
};
const copyListener = (resolve, reject, what) => ({
  QueryInterface: ChromeUtils.generateQI(['nsIMsgCopyServiceListener']),
  onStartCopy() {}, onProgress() {}, setMessageKey() {}, getMessageId() { return ''; },
  onStopCopy(status) {
    if (status) reject(new Error(what + ' failed: 0x' + (status >>> 0).toString(16)));
    else resolve(true);
  },
});
`;

/**
 * Thunderbird's mail as its own mailnews APIs see it, driven through Marionette: the same calls
 * the folder pane, the message list and the composer make, so the EWS traffic is Thunderbird's
 * own.
 */
export class ThunderbirdMail {
  constructor(private readonly m: Marionette) {}

  private run<T>(body: string, args: unknown[] = [], timeoutMs = 60_000): Promise<T> {
    return this.m.chrome<T>(`${PRELUDE}\nreturn (async () => {\n${body}\n})();`, args, timeoutMs);
  }

  /** The password of both servers; it cannot be a pref (logins.json is encrypted). */
  setPasswords(password: string): Promise<void> {
    return this.run(
      `server.password = arguments[0];
       MailServices.outgoingServer.getServerByKey(arguments[1]).password = arguments[0];
       if (server.key !== arguments[2]) throw new Error('the EWS account is ' + server.key);`,
      [password, OUTGOING_KEY, INCOMING_KEY],
    );
  }

  /** What the folder pane's first expand does: GetFolder, SyncFolderHierarchy, GetFolder. */
  expand(): Promise<void> {
    return this.run(`server.performExpand(null);`);
  }

  folders(): Promise<TbFolder[]> {
    return this.run(`
      const out = [];
      const walk = (f, prefix) => {
        for (const s of f.subFolders) {
          const path = prefix ? prefix + '/' + s.name : s.name;
          out.push({ path, total: s.getTotalMessages(false) });
          walk(s, path);
        }
      };
      walk(server.rootFolder, '');
      return out;`);
  }

  /** The path of the folder with an nsMsgFolderFlags flag (Trash, SentMail…). */
  special(flag: 'Inbox' | 'Trash' | 'SentMail' | 'Drafts' | 'Junk'): Promise<string> {
    return this.run(
      `const f = server.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags[arguments[0]]);
       if (!f) throw new Error('Thunderbird has no ' + arguments[0] + ' folder');
       const names = [];
       for (let x = f; x && x !== server.rootFolder; x = x.parent) names.unshift(x.name);
       return names.join('/');`,
      [flag],
    );
  }

  /** Asks for a sync of one folder (SyncFolderItems, then GetItem in batches of 10). */
  update(path: string): Promise<void> {
    return this.run(`folderAt(arguments[0]).updateFolder(null);`, [path]);
  }

  messages(path: string): Promise<TbMessage[]> {
    return this.run(
      `return [...folderAt(arguments[0]).messages].map((h) => ({
         messageId: h.messageId, subject: h.mime2DecodedSubject, isRead: h.isRead, isFlagged: h.isFlagged }));`,
      [path],
    );
  }

  /** The message as the reader gets it (GetItem with MimeContent), base64. */
  source(path: string, messageId: string): Promise<string> {
    return this.run(
      `const folder = folderAt(arguments[0]);
       const uri = folder.getUriForMsg(hdrOf(folder, arguments[1]));
       const bytes = await new Promise((resolve, reject) => {
         let data = '';
         MailServices.messageServiceFromURI(uri).streamMessage(uri, {
           QueryInterface: ChromeUtils.generateQI(['nsIStreamListener', 'nsIRequestObserver']),
           onStartRequest() {},
           onDataAvailable(request, stream, offset, count) {
             const s = Cc['@mozilla.org/scriptableinputstream;1'].createInstance(Ci.nsIScriptableInputStream);
             s.init(stream);
             data += s.readBytes(count);
           },
           onStopRequest(request, status) {
             if (status) reject(new Error('reading the message failed: 0x' + (status >>> 0).toString(16)));
             else resolve(data);
           },
         }, null, null, false, '', false);
       });
       return btoa(bytes);`,
      [path, messageId],
    );
  }

  /** Marks one message read or unread, as the message list does. */
  markRead(path: string, messageId: string, read: boolean): Promise<void> {
    return this.run(
      `const folder = folderAt(arguments[0]);
       folder.markMessagesRead([hdrOf(folder, arguments[1])], arguments[2]);`,
      [path, messageId, read],
    );
  }

  /** Stars or unstars one message, as the message list does. */
  markFlagged(path: string, messageId: string, flagged: boolean): Promise<void> {
    return this.run(
      `const folder = folderAt(arguments[0]);
       folder.markMessagesFlagged([hdrOf(folder, arguments[1])], arguments[2]);`,
      [path, messageId, flagged],
    );
  }

  /** Copies or moves one message with the copy service (drag and drop, "Move To"). */
  transfer(from: string, messageId: string, to: string, move: boolean): Promise<void> {
    return this.run(
      `const src = folderAt(arguments[0]);
       const hdr = hdrOf(src, arguments[1]);
       await new Promise((resolve, reject) => MailServices.copy.copyMessages(
         src, [hdr], folderAt(arguments[2]), arguments[3],
         copyListener(resolve, reject, arguments[3] ? 'move' : 'copy'), null, false));`,
      [from, messageId, to, move],
    );
  }

  /** Deletes one message: to the Trash as the Delete key does, or for good as Shift+Delete does. */
  delete(path: string, messageId: string, permanently: boolean): Promise<void> {
    return this.run(
      `const folder = folderAt(arguments[0]);
       const hdr = hdrOf(folder, arguments[1]);
       await new Promise((resolve, reject) =>
         folder.deleteMessages([hdr], null, arguments[2], false, copyListener(resolve, reject, 'delete'), false));`,
      [path, messageId, permanently],
    );
  }

  /** The folder pane's "New Folder…" (CreateFolder); `parent` '' is the account root. */
  createFolder(parent: string, name: string): Promise<void> {
    return this.run(
      `(arguments[0] ? folderAt(arguments[0]) : server.rootFolder).createSubfolder(arguments[1], null);`,
      [parent, name],
    );
  }

  /** "Rename…" (UpdateFolder). */
  renameFolder(path: string, name: string): Promise<void> {
    return this.run(`folderAt(arguments[0]).rename(arguments[1], null);`, [path, name]);
  }

  /** "Delete Folder" (MoveFolder to Deleted Items). */
  deleteFolder(path: string): Promise<void> {
    return this.run(`folderAt(arguments[0]).deleteSelf(null);`, [path]);
  }

  /** "Mark Folder Read" (MarkAllItemsAsRead). */
  markAllRead(path: string): Promise<void> {
    return this.run(`folderAt(arguments[0]).markAllMessagesRead(null);`, [path]);
  }

  /** "Empty Trash" (EmptyFolder, subfolders included). */
  emptyTrash(): Promise<void> {
    return this.run(`server.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Trash).emptyTrash(null);`);
  }

  /**
   * Sends a plain-text message the way the composer does (nsIMsgSend): delivery through the EWS
   * outgoing server, then the copy filed in Sent. Resolves once the copy is filed.
   */
  send(to: string, subject: string, body: string): Promise<void> {
    return this.compose(to, subject, body, 'nsMsgDeliverNow', 'New');
  }

  /** "Save" in the composer: the draft filed in Drafts (CreateItem with its MIME). */
  saveDraft(to: string, subject: string, body: string): Promise<void> {
    return this.compose(to, subject, body, 'nsMsgSaveAsDraft', 'Draft');
  }

  private compose(to: string, subject: string, body: string, mode: string, type: string): Promise<void> {
    return this.run(
      `const account = MailServices.accounts.getAccount('account1');
       const identity = account.defaultIdentity;
       const fields = Cc['@mozilla.org/messengercompose/composefields;1'].createInstance(Ci.nsIMsgCompFields);
       fields.from = identity.fullName + ' <' + identity.email + '>';
       fields.to = arguments[0];
       fields.subject = arguments[1];
       const send = Cc['@mozilla.org/messengercompose/send;1'].createInstance(Ci.nsIMsgSend);
       await new Promise((resolve, reject) => {
         const listener = {
           QueryInterface: ChromeUtils.generateQI(['nsIMsgSendListener', 'nsIMsgCopyServiceListener']),
           onStartSending() {}, onSendProgress() {}, onStatus() {}, onGetDraftFolderURI() {},
           onTransportSecurityError() {},
           onStopSending(messageId, status, message) {
             if (status) reject(new Error('sending failed: 0x' + (status >>> 0).toString(16) + ' ' + (message || '')));
           },
           onSendNotPerformed(messageId, status) { reject(new Error('sending was not performed: 0x' + (status >>> 0).toString(16))); },
           onStartCopy() {}, onProgress() {}, setMessageKey() {}, getMessageId() { return ''; },
           onStopCopy(status) {
             if (status) reject(new Error('filing the copy failed: 0x' + (status >>> 0).toString(16)));
             else resolve(true);
           },
         };
         send.createAndSendMessage(null, identity, account.key, fields, false, false, Ci.nsIMsgSend[arguments[3]],
           null, 'text/plain', arguments[2], null, null, listener, null, '', Ci.nsIMsgCompType[arguments[4]]).catch(reject);
       });`,
      [to, subject, body, mode, type],
      120_000,
    );
  }
}
