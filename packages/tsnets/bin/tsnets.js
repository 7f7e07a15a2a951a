#!/usr/bin/env node
// The `tsnets` command. A committed launcher, so npm links the bin at install
// time even in a workspace checkout where dist/ is built afterwards.
require('../dist/src/cli/main.js');
