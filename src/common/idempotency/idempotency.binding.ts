import { INestApplicationContext, RequestMethod, SetMetadata } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';

const NO_IDEMPOTENCY = 'idempotency:off';

/**
 * A POST whose answer must never be stored (it holds a secret shown once, such as the access code
 * of a public complaint): `Idempotency-Key` is not honoured there, so a retry makes a new record.
 */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY, true);

/**
 * Binds the `Idempotency-Key` interceptor to every POST route, the only method it acts on. Bound
 * per route rather than globally: a global interceptor makes every request (health probes, every
 * GET) run Nest's interceptor chain, even where the interceptor would only hand the request on.
 * Must run before the routes are registered (before `app.init()`/`listen()`); binding twice is a no-op.
 */
export function bindIdempotencyToPostRoutes(app: INestApplicationContext): number {
  const interceptor = app.get(IdempotencyInterceptor);
  const scanner = app.get(MetadataScanner);
  let bound = 0;
  for (const { instance, metatype } of app.get(DiscoveryService).getControllers()) {
    if (!instance || !metatype) continue;
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as object;
      if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
      if (Reflect.getMetadata(NO_IDEMPOTENCY, handler) === true) continue;
      const existing = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
      if (existing.includes(interceptor)) continue;
      // the metadata sits on the shared controller prototype: an instance bound by an earlier app of
      // this process (tests create several) is replaced, never stacked in front of this one
      const own = existing.filter((i) => !(i instanceof IdempotencyInterceptor));
      // outermost of the route's own interceptors, as it was when it ran globally
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
      bound++;
    }
  }
  return bound;
}
