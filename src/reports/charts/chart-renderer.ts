import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The worker thread's script. vega and vega-lite are ESM whose graph has a top-level await (vega-canvas
 * probing for the optional `canvas` package), which require() cannot load and Jest's CommonJS mode
 * cannot compile; a worker thread imports them natively, in the built app and under Jest alike, and
 * keeps the rendering (tens of milliseconds of CPU) off the event loop. Without `canvas` vega measures
 * text by estimate: the SVG needs no font file or other asset.
 */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = Promise.all([import(workerData.vega), import(workerData.vegaLite)]);
loaded.catch(() => {});
parentPort.on('message', async ({ id, spec }) => {
  try {
    const [vega, vegaLite] = await loaded;
    const logger = vega.logger(vega.None);
    const view = new vega.View(vega.parse(vegaLite.compile(spec, { logger }).spec, undefined, { logger }), { renderer: 'none', logger });
    try {
      parentPort.postMessage({ id, svg: await view.toSVG() });
    } finally {
      view.finalize();
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});`;

interface Reply {
  id: number;
  svg?: string;
  error?: string;
}

/** Renders Vega-Lite specifications to SVG on the server, in one lazily started worker thread. */
@Injectable()
export class ChartRenderer implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void }>();
  private seq = 0;

  render(spec: object): Promise<string> {
    const worker = this.started();
    const id = ++this.seq;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, spec });
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const url = (name: string) => pathToFileURL(require.resolve(name)).href;
    const worker = new Worker(SCRIPT, { eval: true, workerData: { vega: url('vega'), vegaLite: url('vega-lite') } });
    worker.unref();
    worker.on('message', ({ id, svg, error }: Reply) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (!waiting) return;
      if (svg !== undefined) waiting.resolve(svg);
      else waiting.reject(new Error(`chart rendering failed: ${error}`));
    });
    const fail = (e: Error) => {
      if (this.worker !== worker && this.worker !== null) return; // an old worker: its requests were already failed
      this.worker = null;
      for (const [, waiting] of this.pending) waiting.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the chart worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
