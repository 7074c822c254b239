import { defineArea } from './matrix.types';

/** Matrix rows of the negotiations routes (see matrix.types.ts). */
export const negotiationsArea = defineArea({
  async setup() {
    return {};
  },
  rows: {},
});
