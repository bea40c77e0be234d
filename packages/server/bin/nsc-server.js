#!/usr/bin/env node
// The bundled server (npm run build).
import "../dist/bundle/nsc-server.mjs";
