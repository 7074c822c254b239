import { Module } from '@nestjs/common';
import { ThrottlingModule } from '../../common/throttling/throttling.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { ComplaintsModule } from '../complaints.module';
import { ComplaintPageController } from './complaint-page.controller';
import { PublicComplaintsController } from './public-complaints.controller';
import { PublicComplaintsService } from './public-complaints.service';

/** Complaints from the public: the JSON intake and status (/api/v1/public/complaints) and the page (/complaint). */
@Module({
  imports: [ComplaintsModule, NotificationsModule, ThrottlingModule],
  controllers: [PublicComplaintsController, ComplaintPageController],
  providers: [PublicComplaintsService],
})
export class PublicComplaintsModule {}
