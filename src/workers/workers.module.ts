import { Module } from '@nestjs/common';
import { WorkerAccessLogService } from './worker-access-log.service';
import { WorkersController } from './workers.controller';
import { WorkersRepository } from './workers.repository';
import { WorkersService } from './workers.service';

@Module({ controllers: [WorkersController], providers: [WorkersService, WorkersRepository, WorkerAccessLogService], exports: [WorkersService] })
export class WorkersModule {}
