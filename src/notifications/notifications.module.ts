import { Module } from '@nestjs/common';

/** In-app notifications for users. */
@Module({})
export class NotificationsModule {}
