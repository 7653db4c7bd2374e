import type { SendMailOptions } from 'nodemailer';
import type { NodeContext } from '../../contract.js';
import type { Attachment } from './config.js';

type MailAttachment = NonNullable<SendMailOptions['attachments']>[number];

/** What nodemailer sends for one configured attachment (one case per attachment `kind`). */
export async function toMailAttachment(_ctx: NodeContext, attachment: Attachment): Promise<MailAttachment> {
  switch (attachment.kind) {
    case 'content':
      return {
        filename: attachment.filename,
        content:
          attachment.encoding === 'base64'
            ? Buffer.from(attachment.content, 'base64')
            : Buffer.from(attachment.content, 'utf8'),
        ...(attachment.content_type ? { contentType: attachment.content_type } : {}),
      };
  }
}
