import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { CommonErrors } from '../common/errors/app-error';
import { toProblem } from '../common/errors/problem';
import { AuthErrors } from '../auth/auth.errors';
import { ALL_QUEUES } from '../infra/queue/jobs';
import type { Actor } from './actor';
import { Permission, roleHas } from './permissions';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues. It is a Fastify plugin outside Nest's guards, so its own hook asks
 * the same Passport strategy as AccessGuard (JwtStrategy: the token, a fresh user, a live session),
 * then for the `queue.board` permission.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter: board,
  });

  async function adminOnly(request: FastifyRequest, reply: FastifyReply) {
    try {
      const actor = await authenticate(request, reply);
      if (!actor) throw AuthErrors.unauthenticated();
      if (!roleHas(actor.role, Permission.QueueBoard)) throw AuthErrors.forbidden();
    } catch (e) {
      const { problem } = toProblem(e ?? CommonErrors.notFound(), request.url.split('?')[0]);
      return reply.status(problem.status).type('application/problem+json').send(problem);
    }
  }

  await app
    .getHttpAdapter()
    .getInstance()
    .register(async (scope) => {
      scope.addHook('onRequest', adminOnly);
      await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
}

/** The caller as Passport's `jwt` strategy (JwtStrategy) finds it, or false. */
function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Actor | false> {
  return new Promise((resolve, reject) => {
    const done = (err: unknown, user?: Actor | false) => (err ? reject(err) : resolve(user ?? false));
    (passport.authenticate('jwt', { session: false }, done) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void)(request, reply, done);
  });
}
