// The frame of a bench script: a list of cleanups (run last first, whatever happens) and a main()
// whose resolved value is the exit status; an error is logged and exits 1.

/** Cleanups registered by a bench as it acquires things (a database, a server, a pool). */
export function cleanupStack(log) {
  const stack = [];
  return {
    push: (fn) => stack.push(fn),
    run: async () => {
      while (stack.length)
        await stack
          .pop()()
          .catch((e) => log(`cleanup failed: ${e?.message ?? e}`));
    },
  };
}

/** Runs `main`, then the cleanups, and exits with main's status (1 when it threw). */
export async function runBench(main, cleanups, log) {
  let code = 1;
  try {
    code = await main();
  } catch (e) {
    log(`failed: ${e?.stack ?? e}`);
  } finally {
    await cleanups.run();
  }
  process.exit(code);
}
