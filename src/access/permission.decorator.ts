import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblems } from '../common/http/api-docs';
import { Permission } from './permissions';

export const PERMISSION_KEY = 'access:permission';
export const PUBLIC_KEY = 'access:public';

/** The permission a route requires; also shown in OpenAPI as `x-permission`. */
export function RequirePermission(permission: Permission) {
  return applyDecorators(SetMetadata(PERMISSION_KEY, permission), ApiBearerAuth(), ApiExtension('x-permission', permission), ApiProblems(401, 403));
}

/** The route needs no token. */
export function Public() {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-permission', 'public'));
}
