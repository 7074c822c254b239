import path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';

/** Uploaded documents, on the local disk under `<dataDir>/files`; inject `FileStorage`. */
@Global()
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalFileStorage(path.join(config.dataDir, 'files')),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
