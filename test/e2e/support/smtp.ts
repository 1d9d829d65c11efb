import nodemailer from 'nodemailer';
import type { TernServer } from './tern-server.js';

/** Delivers a message to the Tern server's SMTP listener, as a real mail server would. */
export async function deliver(
  server: TernServer,
  message: {
    to: string;
    from?: string;
    replyTo?: string;
    subject: string;
    text?: string;
    html?: string;
    attachments?: {
      filename: string;
      content: string | Buffer;
      contentType?: string;
      cid?: string;
      contentDisposition?: 'inline' | 'attachment';
    }[];
  },
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: server.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({ from: message.from ?? 'Grace Hopper <grace@example.org>', ...message });
  } finally {
    transport.close();
  }
}
