import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { FieldCrypto } from './field-crypto';

/** Field encryption and blind indexes (ARCHITECTURE.md, rule 8), keyed from the validated configuration. */
@Global()
@Module({
  providers: [
    {
      provide: FieldCrypto,
      inject: [APP_CONFIG],
      // The constructor also reads secrets.previousEncryptionKeys once the configuration carries it.
      useFactory: (config: AppConfig) => new FieldCrypto(config),
    },
  ],
  exports: [FieldCrypto],
})
export class CryptoModule {}
