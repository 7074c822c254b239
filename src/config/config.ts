import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { envSchema, RawEnv, SECRET_VARIABLES } from './env.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface AppConfig {
  env: RawEnv['NODE_ENV'];
  isProduction: boolean;
  http: { port: number; host: string; bodyLimit: number; corsOrigins: string[]; rateLimitPerMinute: number; trustProxy: boolean | string[] };
  database: { url?: string; embeddedPort: number; poolMax: number; connectTimeoutMs: number; statementTimeoutMs: number };
  redis: { url?: string; prefix: string };
  dataDir: string;
  logLevel: RawEnv['LOG_LEVEL'];
  secrets: { jwtSecret: string; encryptionKey: string };
  bootstrapAdmin: { email: string; password: string };
  demoData: boolean;
  smtpUrl?: string;
  mail: { from: string };
  deadlines: { scanAt: string; timeZone: string };
  runProcessors: boolean;
  auth: {
    accessTtlSeconds: number;
    refreshTtlDays: number;
    /** Failed sign-ins allowed before further attempts must wait (see src/auth/login-throttle.rules.ts). */
    loginThrottle: { pairFreeFailures: number; emailFreeFailures: number; addressFreeFailures: number; maxDelayMs: number };
    /** A refused login answers no sooner than this after it began (ms), whatever the reason. */
    failedLoginFloorMs: number;
    loginRatePerMinute: number;
  };
  /** maxBytes: a document scan; evidenceMaxBytes: a file of evidence on a complaint (a voice recording is larger). */
  files: { maxBytes: number; evidenceMaxBytes: number };
  /** The public complaint intake (src/complaints/public): its own limits, independent of rateLimitPerMinute. */
  publicComplaints: { perHour: number; statusFailuresPerHour: number };
  /** Report export files: how long they are kept after they are made, and how many rows each database read takes. */
  reportExports: { ttlHours: number; batchRows: number; xlsxMaxRows: number };
  idempotencyTtlHours: number;
  shutdownTimeoutMs: number;
  /** Secrets that were generated for development rather than given. */
  generatedSecrets: string[];
}

type Source = Record<string, string | undefined>;

function generatedDevSecrets(dataDir: string, missing: string[]): Record<string, string> {
  const file = path.join(dataDir, 'dev-secrets.json');
  let kept: Record<string, string> = {};
  if (fs.existsSync(file)) kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  const fresh: Record<string, string> = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_ADMIN_EMAIL: 'admin@centre.example',
    BOOTSTRAP_ADMIN_PASSWORD: `Adm-${randomBytes(9).toString('base64url')}`,
  };
  let changed = false;
  for (const name of missing) {
    if (!kept[name]) {
      kept[name] = fresh[name];
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  }
  return kept;
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(source: Source = process.env): AppConfig {
  const cleaned: Source = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const missing = SECRET_VARIABLES.filter((name) => env[name] === undefined);
  if (env.NODE_ENV === 'production' && missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name}: required when NODE_ENV=production`));
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const generated = missing.length ? generatedDevSecrets(dataDir, missing) : {};
  const pick = (name: (typeof SECRET_VARIABLES)[number]) => env[name] ?? generated[name];
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    http: {
      port: env.PORT,
      host: env.HOST,
      bodyLimit: env.BODY_LIMIT,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      trustProxy: env.TRUST_PROXY,
    },
    database: {
      url: env.DATABASE_URL,
      embeddedPort: env.EMBEDDED_PG_PORT,
      poolMax: env.DB_POOL_MAX,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    },
    redis: { url: env.REDIS_URL, prefix: env.QUEUE_PREFIX },
    dataDir,
    logLevel: env.LOG_LEVEL,
    secrets: { jwtSecret: pick('JWT_SECRET'), encryptionKey: pick('ENCRYPTION_KEY') },
    bootstrapAdmin: { email: pick('BOOTSTRAP_ADMIN_EMAIL'), password: pick('BOOTSTRAP_ADMIN_PASSWORD') },
    demoData: env.DEMO_DATA,
    smtpUrl: env.SMTP_URL,
    mail: { from: env.MAIL_FROM },
    deadlines: { scanAt: env.DEADLINE_SCAN_AT, timeZone: env.DEADLINE_TIMEZONE },
    runProcessors: env.RUN_PROCESSORS,
    auth: {
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      loginThrottle: {
        pairFreeFailures: env.AUTH_LOGIN_FREE_FAILURES,
        emailFreeFailures: env.AUTH_LOGIN_EMAIL_FREE_FAILURES,
        addressFreeFailures: env.AUTH_LOGIN_ADDRESS_FREE_FAILURES,
        maxDelayMs: env.AUTH_LOGIN_MAX_DELAY_MINUTES * 60_000,
      },
      failedLoginFloorMs: env.AUTH_FAILED_LOGIN_FLOOR_MS,
      loginRatePerMinute: env.AUTH_LOGIN_RATE_PER_MINUTE,
    },
    files: { maxBytes: env.FILE_MAX_BYTES, evidenceMaxBytes: env.COMPLAINT_EVIDENCE_MAX_BYTES },
    publicComplaints: { perHour: env.PUBLIC_COMPLAINTS_PER_HOUR, statusFailuresPerHour: env.PUBLIC_STATUS_FAILURES_PER_HOUR },
    reportExports: { ttlHours: env.REPORT_EXPORT_TTL_HOURS, batchRows: env.REPORT_EXPORT_BATCH_ROWS, xlsxMaxRows: env.REPORT_EXPORT_XLSX_MAX_ROWS },
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    generatedSecrets: [...missing],
  };
}
