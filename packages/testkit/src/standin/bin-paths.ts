import { fileURLToPath } from "node:url";

/**
 * Absolute path of the stand-in `tailscale` executable (`packages/testkit/bin/tailscale`); it runs the built
 * `dist/`, so build the package first. Put its directory first on `PATH`, or pass the path directly.
 */
export const TAILSCALE_BIN = fileURLToPath(new URL("../../bin/tailscale", import.meta.url));

/** Absolute path of the `tailscale-emulator` executable, which prints the emulator's URL on its first line. */
export const TAILSCALE_EMULATOR_BIN = fileURLToPath(new URL("../../bin/tailscale-emulator", import.meta.url));
