// `npm start` builds only when the sources are newer than the build (or there is none).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'generated') t = Math.max(t, newest(p));
    } else t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

const built = fs.existsSync('dist/main.js') ? fs.statSync('dist/main.js').mtimeMs : 0;
const sources = Math.max(newest('src'), fs.statSync('prisma/schema.prisma').mtimeMs, fs.statSync('package-lock.json').mtimeMs);
if (!fs.existsSync('src/generated/prisma/client.ts') || built < sources) {
  console.log('building…');
  execSync('npm run build', { stdio: 'inherit' });
}
