import { Global, Module } from '@nestjs/common';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTransport } from './mail.transport';

/** E-mail: queued in the caller's transaction (MailService), sent by MailProcessor through MailTransport. */
@Global()
@Module({ providers: [MailTransport, MailRepository, MailService], exports: [MailTransport, MailRepository, MailService] })
export class MailModule {}
