'use strict';
// Runs the suite on wasm, the backend every install has (TSNETS_BACKEND=tsnets-native|cpu|tensorflow to choose
// another). The native backend runs the core packages' tests in a child process of its own test
// (packages/backend-native/test/core-cases.test.ts), and the docs and command-line tests start child processes
// that pick a backend as an app would.
const { useBackend } = require('@tsnets/core');

exports.mochaHooks = {
  async beforeAll() {
    await useBackend(process.env.TSNETS_BACKEND || 'wasm');
  },
};
