import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { PERMISSION_KEY, PUBLIC_KEY } from './permission.decorator';
import type { Permission } from './permissions';
import { COMPLAINT_PAGE_PATHS } from '../complaints/public/page/page-paths';

/** Routes served outside the global prefix (bootstrap's `exclude`). */
const UNPREFIXED: ReadonlySet<string> = new Set(COMPLAINT_PAGE_PATHS.map((p) => `/${p}`));

export interface RouteInfo {
  /** e.g. `GET /api/v1/users/:id` */
  key: string;
  method: string;
  path: string;
  permission: Permission | null;
  isPublic: boolean;
}

function join(...parts: (string | undefined)[]): string {
  return `/${parts.filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
}

/** Every HTTP route of the application with the permission it declares (for the access tests and reviews). */
export function routeInventory(app: INestApplicationContext, prefix = 'api/v1'): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined;
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, unknown>)[name] as (...a: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const own = join(base, path);
      const full = UNPREFIXED.has(own) ? own : join(prefix, base, path);
      const verb = RequestMethod[method];
      routes.push({
        key: `${verb} ${full}`,
        method: verb,
        path: full,
        permission: reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [handler, metatype]) ?? null,
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, metatype]) ?? false,
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
