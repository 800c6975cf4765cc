import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // The harness reads heapUsed after global.gc().
    pool: "forks",
    execArgv: ["--expose-gc"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
