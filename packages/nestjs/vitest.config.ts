import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Nest 12's packages, installed by the private workspace package in ./nest12. */
const nest12 = fileURLToPath(new URL("./nest12/node_modules/@nestjs/", import.meta.url));

// Every test runs twice: against Nest 11 (this package's devDependencies) and Nest 12 (the same
// imports redirected to ./nest12, whose own dependencies then resolve to Nest 12 too).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      { extends: true, test: { name: "nest11" } },
      {
        extends: true,
        test: { name: "nest12", env: { PAGESENSE_NEST_MAJOR: "12" } },
        resolve: {
          alias: [
            {
              find: /^@nestjs\/(common|core|testing|platform-express|platform-fastify)(\/.*)?$/,
              replacement: `${nest12}$1$2`,
            },
          ],
        },
      },
    ],
  },
});
