import * as z from "zod/mini";

/*
 * zod compiles fast object parsers with `new Function` unless told not to, and probes for it when each
 * object schema is built. The server's Content-Security-Policy forbids eval, and Chromium reports even the
 * probe as a violation, so this module turns that off. main.tsx imports it first: core's schemas are built
 * as their modules load, and ES modules load in import order.
 */
z.config({ jitless: true });
