import { defineArea } from './matrix.types';

/** Matrix rows of the labour-requests routes (see matrix.types.ts). */
export const labourRequestsArea = defineArea({
  async setup() {
    return {};
  },
  rows: {},
});
