import fs from 'node:fs';
import path from 'node:path';

/** The node flags `npm start` runs the API with (package.json), so the app is measured as it runs. */
export function apiNodeFlags(root) {
  const start = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(start);
  if (!m) throw new Error(`cannot read the API's node flags from the start script: ${start}`);
  return m[1].split(/\s+/).filter(Boolean);
}
