// What `require('response/sdk')` loads in a plugin (src/plugins/loader.ts points it here): the SDK this
// running Response already loaded. A CommonJS file, because Node can't require() the SDK's ES module from a
// CommonJS plugin that a loader hook (tsx) compiled; the loader hands the module over under a global symbol.
/* global module */
'use strict';
const sdk = globalThis[Symbol.for('response.plugin-sdk')];
if (!sdk) throw new Error("response/sdk: require() it from a plugin that Response loads (response.config or RESPONSE_PLUGINS)");
module.exports = sdk;
