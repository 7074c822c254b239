// Routes that exist only in the benchmark's app process (bench/app-server.mjs imports them).
import path from 'node:path';

/** What GET /api/v1/bench/session answers: the shape of GET /auth/session's answer, constant. */
export const PUBLIC_SESSION = { userId: '00000000-0000-4000-8000-000000000000', role: 'STAFF', sessionId: '00000000-0000-4000-8000-000000000000' };

/**
 * Probe routes that exist only in the benchmark's app. GET /api/v1/bench/session is the public twin
 * of GET /api/v1/auth/session: the same trivial handler and answer size, the same global layers
 * (rate limited like it), no token check, so the two differ only by the JWT guard (jwt-guard).
 */
export function benchProbeModule(require, dist) {
  const { Controller, Get, Module } = require('@nestjs/common');
  const { Public } = require(path.join(dist, 'access/permission.decorator.js'));
  class BenchProbeController {
    session() {
      return PUBLIC_SESSION;
    }
  }
  const session = Object.getOwnPropertyDescriptor(BenchProbeController.prototype, 'session');
  Reflect.decorate([Get('session'), Public()], BenchProbeController.prototype, 'session', session);
  Reflect.decorate([Controller('bench')], BenchProbeController);
  class BenchProbeModule {}
  Reflect.decorate([Module({ controllers: [BenchProbeController] })], BenchProbeModule);
  return BenchProbeModule;
}
