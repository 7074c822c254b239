import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import type { Queue, Worker } from 'bullmq';
import { ALL_QUEUES } from './jobs';

/**
 * BullMQ queues and workers emit 'error' whenever their connection drops (Redis restarting,
 * PostgreSQL unreachable). With no listener BullMQ prints each one as "Unhandled error" on
 * console.error, outside the structured log; this logs them as warnings instead. The callers see
 * the failures anyway (the outbox retries, health/ready reports the queue down).
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (e: Error) => this.warn(`queue ${name}`, e));
    }
  }

  /** Workers exist once @nestjs/bullmq has registered them (its onModuleInit). */
  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof WorkerHost) {
        const worker: Worker = instance.worker;
        worker.on('error', (e: Error) => this.warn(`worker ${worker.name}`, e));
      }
    }
  }

  private warn(what: string, e: Error): void {
    this.logger.warn(`${what}: ${e.message}`);
  }
}
