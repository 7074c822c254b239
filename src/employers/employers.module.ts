import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { ReferenceModule } from '../reference/reference.module';
import { EmployersController } from './employers.controller';
import { EmployersRepository } from './employers.repository';
import { EmployersService } from './employers.service';

@Module({
  imports: [UsersModule, ReferenceModule],
  controllers: [EmployersController],
  providers: [EmployersService, EmployersRepository],
  exports: [EmployersService],
})
export class EmployersModule {}
