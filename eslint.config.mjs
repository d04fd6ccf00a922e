// ESLint (issue #17): the recommended rules of ESLint and typescript-eslint over lib/, scripts/
// and test/; run by `npm test` (step "lint") and `npm run lint`. A remaining `eslint-disable`
// comment says why (`-- reason`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Node.js's globals for the CommonJS scripts (scripts/, test/*.js, notebooks/hidden/)
const node = Object.fromEntries(
  ["require", "module", "exports", "__dirname", "__filename", "process", "console", "Buffer", "setTimeout", "clearTimeout",
    "setInterval", "clearInterval", "setImmediate", "clearImmediate", "queueMicrotask", "URL", "URLSearchParams", "TextEncoder",
    "TextDecoder", "AbortController", "AbortSignal", "structuredClone", "performance", "fetch", "WebAssembly", "SharedArrayBuffer",
    "Atomics", "globalThis"].map((n) => [n, "readonly"]),
);

export default tseslint.config(
  {
    ignores: ["dist/**", "build/**", "node_modules/**", "jupyterlab/**", ".jupyter-prefix/**", "lib/kernels/wasm/**", "scripts/**/*.as.ts", "**/*.d.ts", "datasets/**", "grading/**"],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: { sourceType: "commonjs", globals: node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
  {
    // Tests load modules inside jest.isolateModules (a fresh copy per test), from dist/ and from
    // the CommonJS scripts/: require() is how they do it.
    files: ["test/**"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (callbacks' positional arguments)
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
