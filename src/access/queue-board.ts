import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { AuthService } from '../auth/auth.service';
import { JWT_ALGORITHM, JWT_ISSUER, TokenService } from '../auth/token.service';
import { CommonErrors } from '../common/errors/app-error';
import { toProblem } from '../common/errors/problem';
import { AuthErrors } from '../auth/auth.errors';
import { ALL_QUEUES } from '../infra/queue/jobs';
import { Permission, roleHas } from './permissions';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues. It is a Fastify plugin outside Nest's guards, so the same bearer
 * token check (fresh user, live session, `queue.board` permission) runs in its own hook.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const tokens = app.get(TokenService);
  const auth = app.get(AuthService);
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter: board,
  });

  async function adminOnly(request: FastifyRequest, reply: FastifyReply) {
    try {
      const header = request.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7) : '';
      let claims: { sub?: string; sid?: string };
      try {
        claims = jwt.verify(token, tokens.key, { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER }) as typeof claims;
      } catch {
        throw AuthErrors.unauthenticated();
      }
      const actor = claims.sub && claims.sid ? await auth.loadActor(claims.sub, claims.sid) : null;
      if (!actor) throw AuthErrors.unauthenticated();
      if (!roleHas(actor.role, Permission.QueueBoard)) throw AuthErrors.forbidden();
    } catch (e) {
      const { problem } = toProblem(e ?? CommonErrors.notFound(), request.url.split('?')[0]);
      return reply.status(problem.status).type('application/problem+json').send(problem);
    }
  }

  await app.getHttpAdapter().getInstance().register(async (scope) => {
    scope.addHook('onRequest', adminOnly);
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
