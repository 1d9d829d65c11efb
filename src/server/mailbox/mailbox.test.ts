import { describeMailboxContract } from '../../../test/contract/mailbox-contract.js';
import { openMailbox } from './index.js';

// The contract, in process: handle() is the transport.
describeMailboxContract('in-process mailbox', async () => {
  const mailbox = openMailbox({ dataDir: ':memory:', seedMessages: 200 });
  return {
    send: async (user, soap) => (await mailbox.handle(user, soap)).body,
    close: async () => mailbox.close(),
    outgoing: async () => mailbox.outgoing(),
  };
});
