// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine), so they are checked
// by parsing them: services, images, health checks, environment and the image's build stages.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema, SECRET_VARIABLES } from '../../src/config/env.schema';

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  container_name?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { source?: string; target?: string })[];
  ports?: (string | number | { target?: number; published?: string | number })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
}

const read = (file: string) => fs.readFileSync(path.join(process.cwd(), file), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const dockerfile = read('Dockerfile');

function env(service: Service): Record<string, string> {
  const raw = service.environment ?? {};
  const entries = Array.isArray(raw)
    ? raw.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    : Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries);
}

const command = (service: Service) => [service.command ?? []].flat().join(' ');
/** `${VAR:?message}` / `${VAR:-default}` replaced by a placeholder, so the value parses as a URL. */
const withoutInterpolation = (value: string) => value.replace(/\$\{[^}]*\}/g, 'x');

describe('docker-compose.yml', () => {
  it('has the four services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'api', 'worker']));
  });

  it('runs PostgreSQL 17 on a volume with a health check', () => {
    const pg = services.postgres;
    expect(pg.image).toBe('postgres:17');
    expect(pg.volumes?.length).toBeGreaterThan(0);
    expect(command({ command: pg.healthcheck?.test })).toContain('pg_isready');
    expect(env(pg).POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('runs Redis 7 with AOF, noeviction, a volume and a health check', () => {
    const redis = services.redis;
    expect(redis.image).toBe('redis:7');
    expect(command(redis)).toMatch(/--appendonly yes/);
    expect(command(redis)).toMatch(/--maxmemory-policy noeviction/);
    expect(redis.volumes?.length).toBeGreaterThan(0);
    expect(command({ command: redis.healthcheck?.test })).toMatch(/redis-cli ping/);
  });

  describe.each(['api', 'worker'])('%s', (name) => {
    const service = services[name];

    it('is built from this repository, as the same image as the other app service', () => {
      expect(service.build).toBeDefined();
      expect(service.build).toEqual(services.api.build);
      expect(service.image).toEqual(services.api.image);
    });

    it('points DATABASE_URL and REDIS_URL at the postgres and redis services', () => {
      const db = new URL(withoutInterpolation(env(service).DATABASE_URL));
      expect(db.protocol).toMatch(/^postgres(ql)?:$/);
      expect(db.hostname).toBe('postgres');
      const redis = new URL(withoutInterpolation(env(service).REDIS_URL));
      expect(redis.protocol).toBe('redis:');
      expect(redis.hostname).toBe('redis');
    });

    it('runs in production and requires every secret, failing loudly when one is missing', () => {
      const vars = env(service);
      expect(vars.NODE_ENV).toBe('production');
      for (const secret of SECRET_VARIABLES) expect(vars[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?.+\\}$`));
    });

    it('sets only variables the application knows', () => {
      const known = Object.keys(envSchema.shape);
      for (const key of Object.keys(env(service))) expect(known).toContain(key);
    });

    it('waits for healthy PostgreSQL and Redis', () => {
      const deps = service.depends_on as Record<string, { condition?: string }>;
      expect(deps.postgres?.condition).toBe('service_healthy');
      expect(deps.redis?.condition).toBe('service_healthy');
    });

    it('can be scaled (no fixed container name)', () => {
      expect(service.container_name).toBeUndefined();
    });
  });

  it('API replicas leave the processors to the worker, publish a port range and have a health check', () => {
    const api = services.api;
    expect(env(api).RUN_PROCESSORS).toBe('false');
    expect(api.ports?.map(String)).toContainEqual(expect.stringMatching(/^\d+-\d+:3000$/));
    expect(command({ command: api.healthcheck?.test })).toContain('/api/v1/health/live');
  });

  it('the worker runs dist/worker.js', () => {
    expect(command(services.worker)).toMatch(/^node dist\/worker\.js$/);
  });
});

describe('Dockerfile', () => {
  const lines = dockerfile.split('\n').map((l) => l.trim());

  it('is multi-stage on node:24-bookworm-slim (the current LTS)', () => {
    const froms = lines.filter((l) => /^FROM\s/i.test(l));
    expect(froms).toHaveLength(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:24-bookworm-slim\b/);
    expect(dockerfile).toMatch(/COPY --from=builder/);
  });

  it('builds, prunes dev dependencies, and runs as a non-root user from /app', () => {
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const users = lines.filter((l) => /^USER\s/i.test(l));
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^USER\s+(root|0)(:|$)/i);
    const workdirs = lines.filter((l) => /^WORKDIR\s/i.test(l));
    expect(workdirs[workdirs.length - 1]).toBe('WORKDIR /app');
  });

  it('checks liveness with node and starts the API', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*node[\s\S]*\/api\/v1\/health\/live/);
    expect(lines).toContain('CMD ["node", "--max-semi-space-size=64", "dist/main.js"]');
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('keeps local state and build output out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.git', 'coverage', 'src/generated']));
  });
});
