// A response.config.ts in a folder without "type" (CommonJS): plugin paths relative to this folder.
import type { Plugin } from 'response/sdk';

const plugins: (string | Plugin)[] = ['ts-plugin.ts', 'cts-plugin.cts', 'mts-plugin.mts', 'js-plugin.js', 'cjs-plugin.cjs', 'mjs-plugin.mjs'];

export default { plugins };
