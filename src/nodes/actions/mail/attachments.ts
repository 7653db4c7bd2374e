import type { SendMailOptions } from 'nodemailer';
import { StratoflowError } from '../../../domain/errors.js';
import type { NodeContext } from '../../contract.js';
import type { Attachment } from './config.js';

type MailAttachment = NonNullable<SendMailOptions['attachments']>[number];

/** What nodemailer sends for one configured attachment (one case per attachment `kind`). */
export async function toMailAttachment(ctx: NodeContext, attachment: Attachment): Promise<MailAttachment> {
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
    case 'run_file': {
      const file = await ctx.files.read(attachment.file_id);
      if (!file) {
        throw new StratoflowError(
          'node_config_invalid',
          `Attachment run file '${attachment.file_id}' does not exist in this organization.`,
        );
      }
      return {
        filename: attachment.filename ?? file.name,
        content: file.content,
        contentType: file.contentType,
      };
    }
  }
}
