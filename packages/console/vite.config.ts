import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The console is served by nsc-server under a strict Content-Security-Policy, so the build emits no
 * inline script or style: one hashed script and one hashed stylesheet under `assets/`.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: "es2022",
  },
  server: {
    proxy: {
      "/v1": process.env.NSC_CONSOLE_API ?? "http://127.0.0.1:18600",
    },
  },
});
