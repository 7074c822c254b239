import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { flushLogger } from './logging';

/** Waits for the root logger when the application closes, so that the process.exit after it finds no write in flight. */
class FlushLoggerOnShutdown implements OnApplicationShutdown {
  constructor(private readonly logger: Logger) {}
  onApplicationShutdown(): Promise<void> {
    return flushLogger(this.logger);
  }
}

@Module({})
export class LoggerFlushModule {
  static forRoot(logger: Logger): DynamicModule {
    return { module: LoggerFlushModule, providers: [{ provide: FlushLoggerOnShutdown, useFactory: () => new FlushLoggerOnShutdown(logger) }] };
  }
}
