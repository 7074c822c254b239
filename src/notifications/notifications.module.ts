import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** In-app notifications for users; other modules write them with NotificationsService.notify inside their transaction. */
@Module({ controllers: [NotificationsController], providers: [NotificationsService, NotificationsRepository], exports: [NotificationsService] })
export class NotificationsModule {}
