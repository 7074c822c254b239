import { defineArea } from './matrix.types';

/** Matrix rows of the placements routes (see matrix.types.ts). */
export const placementsArea = defineArea({
  async setup() {
    return {};
  },
  rows: {},
});
