import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthModule } from './auth.module';

/** The /auth routes (they need both auth and users). */
@Module({ imports: [AuthModule, UsersModule], controllers: [AuthController] })
export class AuthHttpModule {}
