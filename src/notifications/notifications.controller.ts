import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationErrors } from './notifications.errors';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission(Permission.AuthSelf)
  @Operation('listNotifications', "The caller's own in-app notifications, newest first", '`unread=true`: only those not yet read.')
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: NotificationQueryDto) {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @RequirePermission(Permission.AuthSelf)
  @Operation('readNotification', "Mark one of the caller's notifications read", "Another user's notification answers 404. Marking twice keeps the first time.")
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(404)
  read(@CurrentActor() actor: Actor, @IdParam(NotificationErrors.notFound) id: string) {
    return this.notifications.read(actor, id);
  }
}
