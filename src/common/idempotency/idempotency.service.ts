import { Injectable } from '@nestjs/common';
import { Clock } from '../../infra/clock/clock';
import { IdempotencyRepository } from './idempotency.repository';

@Injectable()
export class IdempotencyService {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  purgeExpired(): Promise<number> {
    return this.repo.purgeExpired(this.clock.now());
  }
}
