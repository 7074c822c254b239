// Loads bench/scenarios/*.mjs in file-name order. Each module's default export (or `scenario`
// export) is one scenario object; see bench/README.md for its shape.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

function validate(s, file) {
  const problems = [];
  if (!s || typeof s !== 'object') return [`${file}: no default export`];
  if (typeof s.name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(s.name)) problems.push('name: a short identifier');
  if (typeof s.path !== 'string' || !s.path.startsWith('/')) problems.push('path: must start with /');
  if (s.method !== undefined && typeof s.method !== 'string') problems.push('method: a string');
  if (s.setup !== undefined && typeof s.setup !== 'function') problems.push('setup: a function');
  const positive = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (s.target !== undefined && !positive(s.target)) problems.push('target: a positive number (app/baseline requests-per-second ratio)');
  if (s.minRps !== undefined && !positive(s.minRps)) problems.push('minRps: a positive number (app requests per second)');
  if (s.maxP99Ms !== undefined && !positive(s.maxP99Ms)) problems.push("maxP99Ms: a positive number (the app's p99 latency must stay under it, ms)");
  if (s.connections !== undefined && !(Number.isInteger(s.connections) && s.connections > 0 && s.connections <= 1000))
    problems.push('connections: an integer from 1 to 1000');
  if (s.paths !== undefined && !(Array.isArray(s.paths) && s.paths.length && s.paths.every((p) => typeof p === 'string' && p.startsWith('/')))) {
    problems.push('paths: a non-empty array of paths starting with /');
  }
  if (s.compare !== undefined && typeof s.compare !== 'boolean') problems.push('compare: a boolean');
  if (s.setupBudgetSeconds !== undefined && !(typeof s.setupBudgetSeconds === 'number' && Number.isFinite(s.setupBudgetSeconds) && s.setupBudgetSeconds >= 0)) {
    problems.push('setupBudgetSeconds: a number ≥ 0 (extra watchdog time for setup)');
  }
  const b = s.baseline;
  if (!b || typeof b !== 'object') problems.push('baseline: { handler(req, res, ctx) } or { appPath }');
  else if (b.appPath !== undefined) {
    // the comparison target is the app itself on another path
    if (typeof b.appPath !== 'string' || !b.appPath.startsWith('/')) problems.push('baseline.appPath: must start with /');
    if (b.handler !== undefined || b.init !== undefined) problems.push('baseline: appPath excludes handler and init');
    if (b.method !== undefined && typeof b.method !== 'string') problems.push('baseline.method: a string');
  } else if (typeof b.handler !== 'function') problems.push('baseline.handler: a function (req, res, ctx), or baseline.appPath');
  return problems.map((p) => `${file}: ${p}`);
}

/** Every scenario, in file-name order: [{ file, scenario }]. */
export async function loadScenarios(dir = SCENARIO_DIR) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  const out = [];
  const problems = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    const scenario = mod.default ?? mod.scenario;
    const bad = validate(scenario, file);
    if (bad.length) problems.push(...bad);
    else out.push({ file, scenario: { method: 'GET', headers: {}, ...scenario } });
  }
  const seen = new Set();
  for (const { file, scenario } of out) {
    if (seen.has(scenario.name)) problems.push(`${file}: duplicate scenario name ${scenario.name}`);
    seen.add(scenario.name);
  }
  if (problems.length) throw new Error(`invalid scenarios:\n  ${problems.join('\n  ')}`);
  return out;
}

/** Picks scenarios by name (or file name without .mjs); no names = all. */
export function selectScenarios(all, names) {
  if (!names.length) return all;
  const unknown = names.filter((n) => !all.some((e) => e.scenario.name === n || e.file.replace(/\.mjs$/, '') === n));
  if (unknown.length) {
    throw Object.assign(new Error(`unknown scenario(s): ${unknown.join(', ')}; available: ${all.map((e) => e.scenario.name).join(', ')}`), { usage: true });
  }
  return all.filter((e) => names.includes(e.scenario.name) || names.includes(e.file.replace(/\.mjs$/, '')));
}
