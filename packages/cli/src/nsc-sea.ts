import { processIo } from "./io/process-io.js";
import { main } from "./main.js";

// The entry of the single executable `nsc` (dist/sea/nsc, built by scripts/build-sea.mjs). Node runs an
// executable's embedded script as CommonJS, where top-level await is not allowed, so the exit code is set
// when `main` settles; `main` itself never rejects.
void main(process.argv.slice(2), processIo(), process.env).then((code) => {
  process.exitCode = code;
});
