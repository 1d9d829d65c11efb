import type { PropertyPath } from '../../../ews/index.js';
import { headerKey, propKey } from '../prop-key.js';
import type { FieldResolver, SqlField, SqlType } from './query.js';

const col = (type: SqlType, sql: string): SqlField => ({ type, sql });

// FieldURIs a restriction or sort order may name, and the column holding each.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/fielduri
const FIELDS: Record<string, SqlField> = {
  'item:Subject': col('string', 'subject'),
  'item:ItemClass': col('string', 'item_class'),
  'item:DateTimeReceived': col('date', 'received'),
  'item:DateTimeSent': col('date', 'sent'),
  'item:DateTimeCreated': col('date', 'created'),
  'item:LastModifiedTime': col('date', 'modified'),
  'item:Size': col('int', 'size'),
  // Low < Normal < High, for sorting and comparisons.
  'item:Importance': col('int', "CASE importance WHEN 'Low' THEN 0 WHEN 'High' THEN 2 ELSE 1 END"),
  'item:Sensitivity': col('string', 'sensitivity'),
  'item:HasAttachments': col('bool', 'has_attachments'),
  'item:IsDraft': col('bool', 'is_draft'),
  'item:Categories': col('strings', 'categories'),
  'item:ConversationId': col('string', 'conversation_id'),
  'item:InReplyTo': col('string', 'in_reply_to'),
  'item:Preview': col('string', 'preview'),
  'item:Body': col('string', 'body_text'),
  'item:TextBody': col('string', 'body_text'),
  'item:DisplayTo': col('addresses', 'to_json'),
  'item:DisplayCc': col('addresses', 'cc_json'),
  'message:IsRead': col('bool', 'is_read'),
  'message:From': { type: 'address', sql: 'from_addr', name: 'from_name' },
  'message:Sender': {
    type: 'address',
    sql: 'coalesce(sender_addr, from_addr)',
    name: 'coalesce(sender_name, from_name)',
  },
  'message:ToRecipients': col('addresses', 'to_json'),
  'message:CcRecipients': col('addresses', 'cc_json'),
  'message:BccRecipients': col('addresses', 'bcc_json'),
  'message:InternetMessageId': col('string', 'internet_message_id'),
  'message:References': col('string', 'references_'),
  'message:ConversationTopic': col('string', 'conversation_topic'),
  'item:ConversationTopic': col('string', 'conversation_topic'),
  'calendar:Start': col('date', 'start'),
  'calendar:End': col('date', 'end'),
  'calendar:Location': col('string', 'location'),
  'calendar:UID': col('string', 'uid'),
  'calendar:IsAllDayEvent': col('bool', 'all_day'),
};

// MAPI properties that are columns here (DavMail searches and sorts by these).
// https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/mapi-properties
const TAGS: Record<string, SqlField> = {
  'tag:0x37': col('string', 'subject'), // PR_SUBJECT
  'tag:0xe1d': col('string', 'subject'), // PR_NORMALIZED_SUBJECT (close enough for search)
  'tag:0x1a': col('string', 'item_class'), // PR_MESSAGE_CLASS
  'tag:0xe23': col('int', 'article'), // PR_INTERNET_ARTICLE_NUMBER
  'tag:0xe08': col('int', 'size'), // PR_MESSAGE_SIZE
  'tag:0xe06': col('date', 'received'), // PR_MESSAGE_DELIVERY_TIME
  'tag:0x39': col('date', 'sent'), // PR_CLIENT_SUBMIT_TIME
  'tag:0x3008': col('date', 'modified'), // PR_LAST_MODIFICATION_TIME
  'tag:0x3007': col('date', 'created'), // PR_CREATION_TIME
  'tag:0xe07': col('int', '(is_read | (is_draft * 8) | (has_attachments * 16))'), // PR_MESSAGE_FLAGS
  // PR_FLAG_STATUS: 2 followup, 1 complete, absent when not flagged.
  'tag:0x1090': col('int', 'CASE flag_status WHEN 1 THEN 2 WHEN 2 THEN 1 END'),
  'tag:0xe1b': col('bool', 'has_attachments'), // PR_HASATTACH
  'tag:0x1000': col('string', 'body_text'), // PR_BODY
  'tag:0x1035': col('string', 'internet_message_id'), // PR_INTERNET_MESSAGE_ID
  'tag:0xc1a': col('string', 'coalesce(sender_name, from_name)'), // PR_SENDER_NAME
  'tag:0x42': col('string', 'from_name'), // PR_SENT_REPRESENTING_NAME
  'tag:0xe04': col('addresses', 'to_json'), // PR_DISPLAY_TO
  'tag:0xe03': col('addresses', 'cc_json'), // PR_DISPLAY_CC
  'name:PublicStrings:Keywords': col('strings', 'categories'),
};

/** A property a client set itself, looked up in item_props. */
function generic(key: string, propertyType: string): SqlField {
  const value = '(SELECT value FROM item_props WHERE item_id = items.id AND key = ?)';
  const params = [key];
  if (/Array$/.test(propertyType)) return { type: 'strings', sql: value, params };
  switch (propertyType) {
    case 'Integer':
    case 'Short':
    case 'Long':
    case 'Double':
    case 'Float':
    case 'Currency':
      return { type: 'int', sql: `CAST(${value} AS NUMERIC)`, params };
    case 'Boolean':
      return { type: 'bool', sql: `(${value} IN ('true', '1'))`, params };
    case 'SystemTime':
    case 'ApplicationTime':
      return { type: 'isodate', sql: value, params, propKey: key };
    default:
      return { type: 'string', sql: value, params, propKey: key };
  }
}

/** The SQL side of an item property path, for FindItem restrictions and sort orders. */
export const itemField: FieldResolver = (p: PropertyPath) => {
  if ('extended' in p) {
    const key = propKey(p.extended);
    return TAGS[key] ?? generic(key, p.extended.propertyType);
  }
  if ('fieldIndex' in p)
    return p.fieldURI === 'item:InternetMessageHeader' ? generic(headerKey(p.fieldIndex), 'String') : undefined;
  return FIELDS[p.fieldURI];
};
