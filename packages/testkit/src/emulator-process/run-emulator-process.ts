import { startTailscaleEmulator, type TailscaleEmulator } from "../emulator/start-tailscale-emulator.js";
import { CliFailure } from "../standin/cli-failure.js";
import { parseFlags, boolFlag, stringFlag } from "../standin/parse-flags.js";

/**
 * Runs the emulator as a process: `tailscale-emulator --admin-api-key=K [--port=N] [--host=H]
 * [--allow-insecure-loopback-issuer]` (the key may also come from `TESTKIT_EMULATOR_ADMIN_API_KEY`). Prints
 * the base URL as the first line of stdout, logs events to stderr, and stops on SIGTERM/SIGINT.
 */
export async function runEmulatorProcess(argv: readonly string[]): Promise<TailscaleEmulator> {
  const flags = parseFlags(argv, [
    { name: "admin-api-key", kind: "string", default: process.env.TESTKIT_EMULATOR_ADMIN_API_KEY ?? "" },
    { name: "host", kind: "string", default: "127.0.0.1" },
    { name: "port", kind: "string", default: "0" },
    { name: "allow-insecure-loopback-issuer", kind: "bool", default: false },
  ]);
  const adminApiKey = stringFlag(flags, "admin-api-key");
  if (adminApiKey === "")
    throw new CliFailure("--admin-api-key (or TESTKIT_EMULATOR_ADMIN_API_KEY) is required", 2);
  const emulator = await startTailscaleEmulator({
    adminApiKey,
    host: stringFlag(flags, "host"),
    port: Number(stringFlag(flags, "port")),
    allowInsecureLoopbackIssuer: boolFlag(flags, "allow-insecure-loopback-issuer"),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${emulator.url}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return emulator;
}
