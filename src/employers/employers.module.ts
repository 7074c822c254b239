import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { EmployersController } from './employers.controller';
import { EmployersRepository } from './employers.repository';
import { EmployersService } from './employers.service';

@Module({ imports: [UsersModule], controllers: [EmployersController], providers: [EmployersService, EmployersRepository], exports: [EmployersService] })
export class EmployersModule {}
