import { availableParallelism } from "node:os";
import { main } from "./commands/main.js";

// The entry of the `nsc-server` bundle (dist/bundle/nsc-server.mjs). ID tokens are signed on libuv's
// thread pool: give it a thread per core (at least libuv's default of 4) before anything uses it.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()));
await main(process.argv.slice(2));
