import { AppError } from '../common/errors/app-error';

export const NotificationErrors = {
  notFound: () => new AppError(404, 'NOTIFICATION_NOT_FOUND', 'The notification was not found.'),
};
