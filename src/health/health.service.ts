import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { AppError } from '../common/errors/app-error';
import { QueueName } from '../infra/queue/jobs';
import { HealthRepository } from './health.repository';

const CHECK_TIMEOUT_MS = 2500;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly repo: HealthRepository,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  private async probe(key: string, fn: () => Promise<unknown>) {
    const session = this.indicators.check(key);
    try {
      await withTimeout(fn(), CHECK_TIMEOUT_MS);
      return session.up();
    } catch (e) {
      return session.down({ message: (e as Error).message || 'unreachable' });
    }
  }

  async ready() {
    try {
      return await this.health.check([
        () => this.probe('database', () => this.repo.ping()),
        () => this.probe('queue', () => this.queue.getJobCounts('waiting')),
      ]);
    } catch (e) {
      if (e instanceof ServiceUnavailableException) {
        throw new AppError(503, 'NOT_READY', 'A dependency is down.', { checks: e.getResponse() });
      }
      throw e;
    }
  }
}
