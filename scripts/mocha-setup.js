'use strict';
// Picks the backend once before any test (TSNETS_BACKEND=cpu|wasm|tensorflow to choose).
const { ready } = require('@tsnets/core');

exports.mochaHooks = {
  async beforeAll() {
    await ready();
  },
};
