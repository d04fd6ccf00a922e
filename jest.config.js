/** Jest: unit tests (fast, pure library) and end-to-end tests (kernel, browser, grader). */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }];
// course/ sources get lib/'s sources for "rnnlab" (test/courseResolver.js)
const resolver = "<rootDir>/test/courseResolver.js";
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test/unit"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      resolver,
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      roots: ["<rootDir>/test/e2e"],
      testMatch: ["**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      resolver,
    },
  ],
};
