// Two test files at a time: most files wait on the programs they start (one at a time), so a
// second file keeps the other core busy; the fixture tests run five programs at once.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    maxWorkers: 2,
  },
});
