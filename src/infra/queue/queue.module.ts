import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '../../config/config';
import { ALL_QUEUES } from './jobs';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';
import { producerConnection, workerConnection } from './queue-connection';
import { QueueErrorLogger } from './queue-errors';

/**
 * BullMQ wired once. Queues (producers) are always registered; the relay that feeds them from
 * the outbox runs only where processors run (RUN_PROCESSORS or the worker process).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection: workerConnection(config) as never, prefix: config.redis.prefix }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name, connection: producerConnection(config) as never }))),
      ],
      providers: [QueueErrorLogger, OutboxRepository, OutboxService, ...(config.runProcessors ? [OutboxRelay] : [])],
      exports: [BullModule, OutboxService, OutboxRepository],
    };
  }
}
