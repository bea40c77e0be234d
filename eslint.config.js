import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What Node.js scripts (bins, scripts/) may use without importing it. */
const NODE_GLOBALS = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "URLSearchParams", "fetch", "setTimeout", "clearTimeout"]
    .concat(["setInterval", "clearInterval", "setImmediate", "AbortSignal", "TextDecoder", "TextEncoder"])
    .map((name) => [name, "readonly"]),
);
/** No package reaches into another's sources: it imports the other's package name and its exports. */
const OTHER_PACKAGES_SOURCES = [
  {
    group: ["../../*/src/**", "../../../*/src/**", "../../../../*/src/**", "../../../../../*/src/**"],
    message: "Import the other package by name (its exports, e.g. @nsc/server/testing), not its src/.",
  },
];
const SCRIPTS = [
  "**/*.js",
  "**/*.mjs",
  "packages/testkit/bin/tailscale",
  "packages/testkit/bin/tailscale-emulator",
];

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", ".nsc/**"] },
  {
    // Plain JavaScript: the bins, scripts/ and this file; no type information.
    files: SCRIPTS,
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: NODE_GLOBALS },
    rules: { ...js.configs.recommended.rules, "no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  ...[js.configs.recommended, ...tseslint.configs.strictTypeChecked].map((config) => ({
    ...config,
    ignores: SCRIPTS,
  })),
  {
    ignores: SCRIPTS,
    languageOptions: {
      parserOptions: { project: ["./tsconfig.eslint.json"], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true },
      ],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] },
          ],
        },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: OTHER_PACKAGES_SOURCES }],
    },
  },
  {
    // The CLI imports core module by module: the package's index loads every schema and parser (zod, yaml,
    // smol-toml), which would cost every command its start-up time. See docs/performance.md.
    files: ["packages/cli/src/**/*.ts"],
    ignores: ["packages/cli/src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@nsc/core",
              message:
                'Import the module itself, e.g. "@nsc/core/errors/nsc-error.js", so the CLI starts fast.',
            },
          ],
          patterns: OTHER_PACKAGES_SOURCES,
        },
      ],
    },
  },
  {
    // The console's browser code (DOM, JSX) and its browser tests have their own compiler settings.
    files: ["packages/console/src/**"],
    languageOptions: {
      parserOptions: { project: ["./packages/console/tsconfig.json"], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ["packages/console/test/**", "packages/console/vite.config.ts"],
    languageOptions: {
      parserOptions: {
        project: ["./packages/console/tsconfig.test.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
);
