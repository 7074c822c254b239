import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)?$/i, 'a size such as 1048576, 512kb or 1mb')
  .transform((v) => {
    const m = /^(\d+)(b|kb|mb)?$/i.exec(v)!;
    const unit = (m[2] ?? 'b').toLowerCase();
    return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  });

const isAddressOrCidr = (s: string) => {
  const [address, prefix, ...rest] = s.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `true`/`false` (and the other boolean spellings), or the proxies' addresses and CIDR ranges. */
const trustProxy = z
  .string()
  .transform((v) => {
    const flag = bool.safeParse(v.trim().toLowerCase());
    return flag.success
      ? flag.data
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  })
  .refine(
    (v) => typeof v === 'boolean' || (v.length > 0 && v.every(isAddressOrCidr)),
    'true, false, or comma-separated proxy addresses or CIDR ranges such as 10.0.0.0/8',
  );

/** Every environment variable the system reads, with its default. Documented in README.md. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i)
    .default('omsk'),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  DEMO_DATA: bool.default(true),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).max(200).default('Omsk Centre <no-reply@centre.example>'),
  DEADLINE_SCAN_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 06:00')
    .default('06:00'),
  DEADLINE_TIMEZONE: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Omsk').default('Asia/Omsk'),
  CORS_ORIGINS: z.string().default(''),
  TRUST_PROXY: trustProxy.default(true),
  BODY_LIMIT: byteSize.default(1024 * 1024),
  RUN_PROCESSORS: bool.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  PUBLIC_COMPLAINTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  PUBLIC_STATUS_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  // 2 × CPUs + 1 (the usual sizing rule, as Prisma's former query engine applied it), between 4 and
  // 10 (node-postgres' own default): more connections than the database has cores to run them only
  // queue inside PostgreSQL (on 2 cores a pool of 10 spent 30 % more database CPU per search than a
  // pool of 5, for the same answers), and Node 20 counts the host's CPUs, not a container's limit.
  DB_POOL_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(Math.min(10, Math.max(4, 2 * availableParallelism() + 1))),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(4000),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AUTH_LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  AUTH_LOGIN_EMAIL_FREE_FAILURES: z.coerce.number().int().min(1).max(100_000).default(20),
  AUTH_LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
  AUTH_LOGIN_MAX_DELAY_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  AUTH_FAILED_LOGIN_FLOOR_MS: z.coerce.number().int().min(0).max(5000).default(200),
  AUTH_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  FILE_MAX_BYTES: byteSize.default(10 * 1024 * 1024),
  COMPLAINT_EVIDENCE_MAX_BYTES: byteSize.default(25 * 1024 * 1024),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).default(24),
  REPORT_EXPORT_TTL_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  REPORT_EXPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(5000),
  REPORT_EXPORT_XLSX_MAX_ROWS: z.coerce.number().int().min(1).max(1_048_575).default(200_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10000),
});

export type RawEnv = z.infer<typeof envSchema>;
/** Variables that hold secrets: generated in development when missing, required in production. */
export const SECRET_VARIABLES = ['JWT_SECRET', 'ENCRYPTION_KEY', 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD'] as const;
