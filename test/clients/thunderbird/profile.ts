import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProfileOptions {
  dir: string;
  /** The EWS endpoint, e.g. http://127.0.0.1:40123/EWS/Exchange.asmx */
  ews: string;
  user: string;
  fullName: string;
  marionettePort: number;
}

/** The key of the EWS incoming server and of the EWS outgoing server in the profile. */
export const INCOMING_KEY = 'server1';
export const OUTGOING_KEY = 'smtp1';

/**
 * A fresh Thunderbird profile whose `user.js` holds one EWS account (incoming and outgoing) and
 * Local Folders, plus the prefs that keep a headless run quiet and deterministic. The password
 * cannot be a pref (logins.json is NSS-encrypted): it is set through Marionette once started.
 *
 * The outgoing EWS server is split across two branches (EWS-CLIENTS.md §4): its type is read from
 * `mail.smtpserver.<key>.type` (and the key must be in `mail.smtpservers`), everything else from
 * `mail.outgoingserver.<key>.*`, with `auth_method`, not `authMethod`.
 */
export function writeProfile(o: ProfileOptions): void {
  mkdirSync(o.dir, { recursive: true });
  const host = new URL(o.ews).hostname;
  const prefs: Record<string, string | number | boolean> = {
    // The account: incoming EWS server, identity, and Local Folders.
    'mail.accountmanager.accounts': 'account1,account2',
    'mail.accountmanager.defaultaccount': 'account1',
    'mail.accountmanager.localfoldersserver': 'server2',
    'mail.account.account1.server': INCOMING_KEY,
    'mail.account.account1.identities': 'id1',
    'mail.account.account2.server': 'server2',
    [`mail.server.${INCOMING_KEY}.type`]: 'ews',
    [`mail.server.${INCOMING_KEY}.ews_url`]: o.ews,
    [`mail.server.${INCOMING_KEY}.hostname`]: host,
    [`mail.server.${INCOMING_KEY}.userName`]: o.user,
    [`mail.server.${INCOMING_KEY}.name`]: o.user,
    // nsMsgAuthMethod.passwordCleartext: HTTP Basic for EWS.
    [`mail.server.${INCOMING_KEY}.authMethod`]: 3,
    [`mail.server.${INCOMING_KEY}.valid`]: true,
    // No background polling: every request in the log is one the check asked for.
    [`mail.server.${INCOMING_KEY}.login_at_startup`]: false,
    [`mail.server.${INCOMING_KEY}.check_new_mail`]: false,
    'mail.server.server2.type': 'none',
    'mail.server.server2.hostname': 'Local Folders',
    'mail.server.server2.userName': 'nobody',
    'mail.server.server2.name': 'Local Folders',
    'mail.identity.id1.useremail': o.user,
    'mail.identity.id1.fullName': o.fullName,
    'mail.identity.id1.smtpServer': OUTGOING_KEY,
    'mail.identity.id1.valid': true,
    // The outgoing EWS server.
    'mail.smtpservers': OUTGOING_KEY,
    'mail.smtp.defaultserver': OUTGOING_KEY,
    [`mail.smtpserver.${OUTGOING_KEY}.type`]: 'ews',
    [`mail.outgoingserver.${OUTGOING_KEY}.key`]: OUTGOING_KEY,
    [`mail.outgoingserver.${OUTGOING_KEY}.ews_url`]: o.ews,
    [`mail.outgoingserver.${OUTGOING_KEY}.username`]: o.user,
    [`mail.outgoingserver.${OUTGOING_KEY}.auth_method`]: 3,
    // Marionette on a port of our choosing, with no first-run pages, updates or telemetry.
    'marionette.port': o.marionettePort,
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'mail.shell.checkDefaultClient': false,
    'mail.provider.suppress_dialog_on_startup': true,
    'mail.spotlight.firstRunDone': true,
    'mail.winsearch.firstRunDone': true,
    'mailnews.start_page.enabled': false,
    'mail.startup.enabledMailCheckOnce': true,
    'mail.rights.version': 1,
    'mail.inappnotifications.enabled': false,
    'extensions.autoDisableScopes': 0,
    'browser.dom.window.dump.enabled': true,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
  const lines = Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`);
  writeFileSync(join(o.dir, 'user.js'), `${lines.join('\n')}\n`);
}
