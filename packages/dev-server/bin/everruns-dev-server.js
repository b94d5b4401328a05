#!/usr/bin/env node
// Committed launcher so pnpm can link the bin before the first build; the CLI lives in dist/.
import "../dist/cli.js";
