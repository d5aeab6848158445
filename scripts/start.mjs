// `npm start`: build what is missing or stale, then run the server. Keeps the quick start to one command.
// The server is transpiled with esbuild (about half a second); type-checking is `npm run typecheck`'s job.
// What is left of a first start is the web UI's Vite build, once.
import { buildServer, serverBuildIsStale } from './lib/server-build.mjs';
import { buildWeb, webBuildIsStale } from './lib/web-build.mjs';

if (serverBuildIsStale()) {
  const { files, ms } = await buildServer();
  console.error(`Built the server (${files} files) in ${ms} ms`);
}

if (webBuildIsStale()) {
  console.error('Building the web UI (once; about 10 s)…');
  const { ms } = buildWeb();
  console.error(`Built the web UI in ${(ms / 1000).toFixed(1)} s`);
}
// Run the server in this process, so SIGTERM/SIGINT reach it directly and shut it down gracefully.
await import(new URL('../dist/main/server.js', import.meta.url).href);
