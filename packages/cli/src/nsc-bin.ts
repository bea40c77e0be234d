import { processIo } from "./io/process-io.js";
import { main } from "./main.js";

// The entry of the `nsc` bundle (dist/bundle/nsc.mjs): the whole CLI in one file.
process.exitCode = await main(process.argv.slice(2), processIo(), process.env);
