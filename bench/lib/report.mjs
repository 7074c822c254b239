// The printed table and the JSON file.
import fs from 'node:fs';
import path from 'node:path';

const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—'),
  ms: (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—'),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(2) : '—'),
};

export function verdict(entry) {
  if (entry.error) return 'ERROR';
  if (!Number.isFinite(entry.ratio)) return '—';
  const failed = (entry.app?.failed ?? 0) + (entry.baseline?.failed ?? 0);
  const base = entry.target === undefined ? 'n/a' : entry.ratio >= entry.target ? 'PASS' : 'BELOW TARGET';
  return failed ? `${base} (${failed} failed requests)` : base;
}

export function table(entries) {
  const head = ['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx+err', 'CPU µs/req', 'app/baseline', 'goal', 'result'];
  const rows = [];
  for (const e of entries) {
    if (e.error && !e.app && !e.baseline) {
      rows.push([e.name, '—', '—', '—', '—', '—', '—', '—', e.target === undefined ? '—' : `≥ ${e.target}`, `ERROR: ${e.error.split('\n')[0]}`]);
      continue;
    }
    for (const who of ['app', 'baseline']) {
      const r = e[who];
      const first = who === 'app';
      rows.push([
        first ? e.name : '',
        who,
        r ? fmt.int(r.rps) : '—',
        r ? fmt.ms(r.p50) : '—',
        r ? fmt.ms(r.p99) : '—',
        r ? fmt.int(r.failed) : '—',
        r && Number.isFinite(r.cpuUsPerRequest) ? fmt.int(r.cpuUsPerRequest) : '—',
        first ? fmt.ratio(e.ratio) : '',
        first ? (e.target === undefined ? '—' : `≥ ${e.target}`) : '',
        first ? verdict(e) : '',
      ]);
    }
  }
  const right = new Set([2, 3, 4, 5, 6, 7]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeJson(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
