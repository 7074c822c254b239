import fs from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per message: a server that sees it twice may drop the second. */
  messageId: string;
}

/**
 * Sends e-mail with nodemailer on SMTP_URL, over a pool of connections. Without SMTP_URL (the zero-setup default) each message
 * is written as an .eml file under DATA_DIR/mail, and the log says where: a newcomer sees what
 * would have been sent.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  private readonly dir: string | null;
  private dirReady?: Promise<unknown>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.dir = config.smtpUrl ? null : path.join(config.dataDir, 'mail');
    // pooled: the mail queue sends several at once over a few kept-open connections, not one connection per message
    this.transporter = config.smtpUrl
      ? nodemailer.createTransport({ url: config.smtpUrl, pool: true })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: MailMessage): Promise<{ file?: string }> {
    const info = await this.transporter.sendMail({
      from: this.config.mail.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
    });
    if (!this.dir) return {};
    await (this.dirReady ??= fs.mkdir(this.dir, { recursive: true }).catch((e: unknown) => {
      this.dirReady = undefined; // tried again with the next message
      throw e;
    }));
    const file = path.join(this.dir, `${message.messageId.replace(/[^\w.-]+/g, '_')}.eml`);
    // Written under a temporary name and renamed: whoever watches the folder never reads half a message.
    await fs.writeFile(`${file}.part`, (info as unknown as { message: Buffer }).message);
    await fs.rename(`${file}.part`, file);
    this.logger.log(`no SMTP_URL: mail to ${message.to} written to ${file}`);
    return { file };
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
