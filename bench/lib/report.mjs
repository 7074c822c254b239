// The printed table and the JSON file.
import fs from 'node:fs';
import path from 'node:path';

const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—'),
  ms: (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—'),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(2) : '—'),
};

/**
 * The goals a scenario declares, each judged on the measured numbers: `target` (minimal
 * app/baseline requests-per-second ratio), `minRps` (minimal app requests per second) and
 * `maxP99Ms` (the app's p99 latency must stay under it).
 */
export function goals(entry) {
  const out = [];
  if (entry.target !== undefined) {
    const ok = Number.isFinite(entry.ratio) ? entry.ratio >= entry.target : undefined;
    out.push({ kind: 'ratio', label: `≥ ${entry.target}`, ok, miss: `ratio ${fmt.ratio(entry.ratio)} < ${entry.target}` });
  }
  if (entry.minRps !== undefined) {
    const rps = entry.app?.rps;
    const ok = Number.isFinite(rps) ? rps >= entry.minRps : undefined;
    out.push({ kind: 'minRps', label: `app ≥ ${fmt.int(entry.minRps)} req/s`, ok, miss: `app ${fmt.int(rps)} req/s < ${fmt.int(entry.minRps)}` });
  }
  if (entry.maxP99Ms !== undefined) {
    const p99 = entry.app?.p99;
    const ok = Number.isFinite(p99) ? p99 < entry.maxP99Ms : undefined;
    out.push({ kind: 'maxP99Ms', label: `app p99 < ${entry.maxP99Ms} ms`, ok, miss: `app p99 ${fmt.ms(p99)} ms ≥ ${entry.maxP99Ms}` });
  }
  return out;
}

/** Whether a measured goal was missed (what BENCH_STRICT=1 fails on). */
export function belowTarget(entry) {
  return goals(entry).some((g) => g.ok === false);
}

export function verdict(entry) {
  if (entry.error) return 'ERROR';
  const all = goals(entry);
  const judged = all.filter((g) => g.ok !== undefined);
  const failed = (entry.app?.failed ?? 0) + (entry.baseline?.failed ?? 0);
  let base;
  if (!all.length) base = Number.isFinite(entry.ratio) ? 'n/a' : '—';
  else if (!judged.length) base = '—';
  else {
    const missed = judged.filter((g) => !g.ok);
    base = missed.length ? `BELOW TARGET (${missed.map((g) => g.miss).join('; ')})` : 'PASS';
  }
  return failed ? `${base} (${failed} failed requests)` : base;
}

function goalText(entry) {
  const all = goals(entry);
  return all.length ? all.map((g) => g.label).join(', ') : '—';
}

export function table(entries) {
  const head = [
    'scenario',
    'conns',
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx+err',
    'CPU µs/req',
    'db µs/req',
    'load µs/req',
    'app/baseline',
    'goal',
    'result',
  ];
  const rows = [];
  for (const e of entries) {
    if (e.error && !e.app && !e.baseline) {
      rows.push([e.name, e.connections ?? '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', goalText(e), `ERROR: ${e.error.split('\n')[0]}`]);
      continue;
    }
    for (const who of ['app', 'baseline']) {
      const r = e[who];
      const first = who === 'app';
      rows.push([
        first ? e.name : '',
        first ? (e.connections ?? '—') : '',
        first ? 'app' : (e.baselineLabel ?? 'baseline'),
        r ? fmt.int(r.rps) : '—',
        r ? fmt.ms(r.p50) : '—',
        r ? fmt.ms(r.p99) : '—',
        r ? fmt.int(r.failed) : '—',
        r && Number.isFinite(r.cpuUsPerRequest) ? fmt.int(r.cpuUsPerRequest) : '—',
        r && Number.isFinite(r.dbCpuUsPerRequest) ? fmt.int(r.dbCpuUsPerRequest) : '—',
        r && Number.isFinite(r.loadCpuUsPerRequest) ? fmt.int(r.loadCpuUsPerRequest) : '—',
        first ? fmt.ratio(e.ratio) : '',
        first ? goalText(e) : '',
        first ? verdict(e) : '',
      ]);
    }
  }
  const right = new Set([1, 3, 4, 5, 6, 7, 8, 9, 10]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeJson(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
