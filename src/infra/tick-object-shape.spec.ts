import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { keptTickObject } from './tick-object-shape';

/**
 * How V8 remembers the hidden classes of the keys of nextTick's queue entries, in a child process
 * that fills that memory, lets full garbage collections run between entries (as between two
 * requests), and makes entries again. `withModule`: tick-object-shape.ts is loaded first, as the
 * entry points do. Returns the state of each remembered key ('MONOMORPHIC', 'MEGAMORPHIC'), read
 * from V8's own description of the function (%DebugPrint).
 */
function keyStatesAfterCollections(withModule: boolean): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'omsk-tick-'));
  try {
    const source = readFileSync(path.join(__dirname, 'tick-object-shape.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    const modulePath = path.join(dir, 'tick-object-shape.js');
    writeFileSync(modulePath, outputText);
    const script = `
      ${withModule ? `require(${JSON.stringify(modulePath)});` : ''}
      for (let i = 0; i < 300; i++) process.nextTick(() => {});
      const later = () => new Promise((resolve) => setTimeout(resolve, 10));
      (async () => {
        for (let round = 0; round < 3; round++) {
          await later();
          gc();
          process.nextTick(() => {});
        }
        await later();
        new Function('f', '%DebugPrint(f)')(process.nextTick);
      })();`;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    return [...run.stdout.matchAll(/slot #\d+ DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tick-object-shape', () => {
  it('keeps one entry of the nextTick queue', () => {
    expect(keptTickObject).toEqual(expect.objectContaining({ callback: expect.any(Function) }));
  });

  it.each(['main.ts', 'worker.ts', 'bootstrap.ts'])('is loaded by %s before any other module but reflect-metadata', (entry) => {
    const imports = [...readFileSync(path.join(__dirname, '..', entry), 'utf8').matchAll(/^import (?:.* from )?'([^']+)';/gm)].map((m) => m[1]);
    expect(imports.filter((name) => name !== 'reflect-metadata')[0]).toBe('./infra/tick-object-shape');
  });

  // The V8 of Node.js 20 (11.x), which the service runs on; on another engine the layout differs.
  const onNode20 = process.versions.v8.startsWith('11.') ? it : it.skip;

  onNode20('without it, full collections between queue entries make V8 give up on their hidden classes', () => {
    const states = keyStatesAfterCollections(false);
    expect(states).toHaveLength(4);
    expect(states).toContain('MEGAMORPHIC');
  });

  onNode20('with it loaded first, every key of the entries keeps one hidden class', () => {
    expect(keyStatesAfterCollections(true)).toEqual(['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC']);
  });
});
