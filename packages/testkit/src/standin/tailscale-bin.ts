import { processCliIo } from "./process-cli-io.js";
import { runTailscale } from "./run-tailscale.js";

// The entry of the stand-in's bundle (dist/bundle/tailscale.mjs), which `bin/tailscale` runs: one file to
// load instead of every module of the stand-in, as each of the hundreds of `tailscale` processes of a test
// run starts.
process.exitCode = await runTailscale(process.argv.slice(2), processCliIo());
