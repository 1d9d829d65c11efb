import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest } from '../soap/envelope.js';
import { GetUserOofSettings, SetUserOofSettings } from './user-oof-settings.js';

// The answer as Microsoft documents it: default namespaces, the settings in the types namespace
// beside one ResponseMessage, an HTML reply as Outlook writes it.
// https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getuseroofsettings-operation
const DOCUMENTED = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Header>
    <t:ServerVersionInfo MajorVersion="8" MinorVersion="0" MajorBuildNumber="595" MinorBuildNumber="0"
      xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" />
  </soap:Header>
  <soap:Body>
    <GetUserOofSettingsResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <ResponseMessage ResponseClass="Success">
        <ResponseCode>NoError</ResponseCode>
      </ResponseMessage>
      <OofSettings xmlns="http://schemas.microsoft.com/exchange/services/2006/types">
        <OofState>Scheduled</OofState>
        <ExternalAudience>Known</ExternalAudience>
        <Duration>
          <StartTime>2026-12-21T08:00:00Z</StartTime>
          <EndTime>2027-01-04T08:00:00Z</EndTime>
        </Duration>
        <InternalReply xml:lang="en-US">
          <Message>&lt;html&gt;&lt;body&gt;Back on 4 January.&lt;/body&gt;&lt;/html&gt;</Message>
        </InternalReply>
        <ExternalReply xml:lang="en-US">
          <Message />
        </ExternalReply>
      </OofSettings>
      <AllowExternalOof>All</AllowExternalOof>
    </GetUserOofSettingsResponse>
  </soap:Body>
</soap:Envelope>`;

describe('GetUserOofSettings', () => {
  it('reads the documented answer', () => {
    expect(decodeResponse(GetUserOofSettings, DOCUMENTED).messages).toEqual([
      {
        responseClass: 'Success',
        responseCode: 'NoError',
        oofSettings: {
          oofState: 'Scheduled',
          externalAudience: 'Known',
          duration: { startTime: '2026-12-21T08:00:00Z', endTime: '2027-01-04T08:00:00Z' },
          internalReply: '<html><body>Back on 4 January.</body></html>',
          externalReply: '',
        },
        allowExternalOof: 'All',
      },
    ]);
  });

  it('names an unknown state rather than guessing', () => {
    expect(() => decodeResponse(GetUserOofSettings, DOCUMENTED.replace('>Scheduled<', '>OnHoliday<'))).toThrow(
      /OofState "OnHoliday" is not Disabled, Enabled, Scheduled/,
    );
  });

  it('asks by the mailbox address, in the request element EWS names with "Request"', () => {
    const xml = encodeRequest(GetUserOofSettings, { mailbox: 'demo@tern.test' });
    expect(xml).toContain('<m:GetUserOofSettingsRequest');
    expect(xml).toContain('<t:Mailbox><t:Address>demo@tern.test</t:Address></t:Mailbox>');
    expect(
      encodeRequest(SetUserOofSettings, {
        mailbox: 'demo@tern.test',
        userOofSettings: { oofState: 'Enabled', externalAudience: 'None', internalReply: 'Away' },
      }),
    ).toContain(
      '<t:UserOofSettings><t:OofState>Enabled</t:OofState><t:ExternalAudience>None</t:ExternalAudience><t:InternalReply><t:Message>Away</t:Message></t:InternalReply></t:UserOofSettings>',
    );
  });
});
