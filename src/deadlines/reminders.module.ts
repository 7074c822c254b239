import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { LoggingNoticeSender, NoticeSender } from './notice-sender';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** The deadline scan and its reminders: what the processors need, without the HTTP side of deadlines. */
@Module({
  imports: [NotificationsModule],
  providers: [RemindersService, RemindersRepository, { provide: NoticeSender, useClass: LoggingNoticeSender }],
  exports: [RemindersService, RemindersRepository, NoticeSender],
})
export class RemindersModule {}
