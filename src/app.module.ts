import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard } from './access/access.guard';
import { AuditModule } from './audit/audit.module';
import { AuthHttpModule } from './auth/auth-http.module';
import { AuthModule } from './auth/auth.module';
import { setLoginRate } from './auth/login-throttle';
import { AppThrottlerGuard } from './common/throttling/app-throttler.guard';
import { UsersModule } from './users/users.module';
import { EmployersModule } from './employers/employers.module';
import { SeedModule } from './seed/seed.module';
import { PartnerAgenciesModule } from './partner-agencies/partner-agencies.module';
import { IntermediariesModule } from './intermediaries/intermediaries.module';
import { WorkersModule } from './workers/workers.module';
import { ReferenceModule } from './reference/reference.module';
import { LabourRequestsModule } from './labour-requests/labour-requests.module';
import { RecruitmentModule } from './labour-requests/recruitment/recruitment.module';
import { PlacementsModule } from './placements/placements.module';
import { NegotiationsModule } from './negotiations/negotiations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { ReportsModule } from './reports/reports.module';
import { ReportExportsModule } from './reports/exports/report-exports.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { PublicComplaintsModule } from './complaints/public/public-complaints.module';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ProblemDetailsFilter } from './common/errors/problem.filter';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { SharedThrottlerStorage } from './common/throttling/rate-limit.storage';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { HealthModule } from './health/health.module';
import { ClockModule } from './infra/clock/clock';
import { CryptoModule } from './infra/crypto/crypto.module';
import { StorageModule } from './infra/storage/storage.module';
import { DatabaseModule } from './infra/database/database.module';
import { createRootLogger, loggerParams } from './infra/logging';
import type { Logger as PinoLogger } from 'pino';
import { ProcessorsModule } from './infra/queue/processors.module';
import { QueueModule } from './infra/queue/queue.module';
import { MailModule } from './infra/mail/mail.module';

/** Modules shared by the API and the worker process. */
export function coreImports(config: AppConfig, logger: PinoLogger = createRootLogger(config), useExisting = false) {
  return [
    ConfigModule.forRoot(config),
    LoggerModule.forRoot(loggerParams(logger, useExisting)),
    ClockModule,
    CryptoModule,
    StorageModule,
    DatabaseModule,
    QueueModule.forRoot(config),
    MailModule,
    IdempotencyModule,
    ...(config.runProcessors ? [ProcessorsModule] : []),
  ];
}

@Module({})
export class AppModule {
  /** `logger`: the Fastify adapter's logger, shared with Nest. */
  static forRoot(config: AppConfig, logger?: PinoLogger): DynamicModule {
    setLoginRate(config.auth.loginRatePerMinute);
    return {
      module: AppModule,
      imports: [
        ...coreImports(config, logger ?? createRootLogger(config), logger !== undefined),
        ThrottlingModule,
        ThrottlerModule.forRootAsync({
          imports: [ThrottlingModule],
          inject: [SharedThrottlerStorage],
          useFactory: (storage: SharedThrottlerStorage) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: config.http.rateLimitPerMinute }],
            storage,
          }),
        }),
        HealthModule,
        AuditModule,
        UsersModule,
        AuthModule, // the JWT strategy, for the global AccessGuard
        AuthHttpModule,
        EmployersModule,
        PartnerAgenciesModule,
        IntermediariesModule,
        WorkersModule,
        ReferenceModule,
        LabourRequestsModule,
        RecruitmentModule,
        PlacementsModule,
        NegotiationsModule,
        NotificationsModule,
        DeadlinesModule,
        ReportsModule,
        ReportExportsModule,
        ComplaintsModule,
        PublicComplaintsModule,
        SeedModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        // Idempotency-Key on POST (it hands every other request on)
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}

/** The worker process: queue processors and the outbox relay, no HTTP. */
@Module({})
export class WorkerModule {
  /** `logger`: the process's root logger (worker.ts flushes it before exiting). */
  static forRoot(config: AppConfig, logger: PinoLogger = createRootLogger(config)): DynamicModule {
    return { module: WorkerModule, imports: coreImports({ ...config, runProcessors: true }, logger) };
  }
}
