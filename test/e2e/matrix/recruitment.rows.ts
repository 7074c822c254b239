import { defineArea } from './matrix.types';

/** Matrix rows of the recruitment routes (see matrix.types.ts). */
export const recruitmentArea = defineArea({
  async setup() {
    return {};
  },
  rows: {},
});
