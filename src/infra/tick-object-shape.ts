import { createHook } from 'node:async_hooks';

/**
 * Keeps one object of `process.nextTick`'s queue alive for the life of the process, so that the
 * hidden classes (V8 maps) its entries are built through are never collected. Imported first by
 * every entry point, before the modules whose loading starts V8's first full garbage collections.
 *
 * Why: Node.js 20 builds each entry of the nextTick queue as an object literal whose first keys are
 * computed (`{ [async_id_symbol]: id, [trigger_async_id_symbol]: trigger, callback, args }`). V8 11
 * (Node.js 20) remembers, for each key of such a literal, the hidden class the object had before it,
 * holding it weakly. Between two requests no entry is alive, so a full garbage collection frees the
 * intermediate hidden classes; the next entry gets new ones, which V8 reads as "this literal sees
 * many classes" and from then on builds every entry, on every optimised path that calls nextTick,
 * through a call into the runtime. Node.js's HTTP server calls nextTick several times a request:
 * a health probe cost 20–25 % more instructions once this had happened, which it had after almost
 * every start of the application (the larger heap has full collections during startup; a bare
 * node:http server rarely does). bench/README.md tells how it was found. The entry is kept, not
 * copied: a copy made here could give its fields other representations and so other classes.
 *
 * The entry is taken through an async hook that is enabled for the one call and disabled at once.
 * On other Node.js versions this keeps one small object alive and has no other effect.
 */
function keepOneTickObject(): object | undefined {
  let kept: object | undefined;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') kept ??= resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(noop);
  } finally {
    hook.disable();
  }
  return kept;
}

function noop(): void {}

export const keptTickObject = keepOneTickObject();
