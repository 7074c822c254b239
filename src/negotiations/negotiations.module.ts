import { Module } from '@nestjs/common';
import { NegotiationTermsRepository } from './negotiation-terms.repository';

/** Wage negotiations of labour requests. */
@Module({ providers: [NegotiationTermsRepository], exports: [NegotiationTermsRepository] })
export class NegotiationsModule {}
