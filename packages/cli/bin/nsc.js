#!/usr/bin/env node
// The bundled CLI (npm run build): one file, command families loaded on first use.
import "../dist/bundle/nsc.mjs";
