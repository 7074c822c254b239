import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/** The handler and its controller class, as the Reflector takes them. */
type RouteTargets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * What a guard derives from a route's metadata, worked out on the route's first request and
 * remembered per controller class and handler: metadata never changes after start, and reading it
 * through the Reflector on every request costs several lookups each time.
 */
export class RouteMemo<T> {
  private readonly byController = new WeakMap<object, WeakMap<object, T>>();

  constructor(private readonly derive: (targets: RouteTargets) => T) {}

  of(context: ExecutionContext): T {
    const handler = context.getHandler();
    const controller = context.getClass();
    let routes = this.byController.get(controller);
    if (!routes) this.byController.set(controller, (routes = new WeakMap()));
    if (!routes.has(handler)) routes.set(handler, this.derive([handler, controller]));
    return routes.get(handler) as T;
  }
}
