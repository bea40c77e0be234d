/**
 * What the other packages' tests take from the server, exported as `@nsc/server/testing` (built to
 * `dist/testing.js`): the test databases (a fresh SQLite file and a fresh PostgreSQL database per file),
 * the whole server running in the test's process on a loopback port, and the built `nsc-server` run as a
 * process. None of it is in the `nsc-server` bundle.
 */
export { TEST_DATABASES, type TestDatabase } from "./test-support/test-databases.js";
export { startInProcessServer, type InProcessServer } from "./test-support/start-in-process-server.js";
export { runServerCommand } from "./test-support/server-process.js";
export { DEFAULT_EXTERNAL_FETCH, type ExternalFetchSettings } from "./trust/fetch-external.js";
export { DEFAULT_KEY_CACHE_POLICY } from "./trust/issuer-keys.js";
