// `npm run build:server`: the same esbuild transpile `npm start` runs (no type-checking: `npm run typecheck`).
import { buildServer } from './lib/server-build.mjs';

const { files, ms } = await buildServer();
console.error(`Built the server: ${files} files in ${ms} ms`);
