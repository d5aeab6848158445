import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runEntry, waitForHealthy, type Proc } from '../support/processes.js';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export interface Replica {
  name: string;
  port: number;
  url: string;
  proc: Proc;
}

/** Starts one Response process (the real server entry point) with the given environment. */
export async function startReplica(name: string, env: Record<string, string>, port?: number): Promise<Replica> {
  const p = port ?? (await freePort());
  const proc = runEntry('src/main/server.ts', [], { ...env, PORT: String(p), HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${p}`;
  await waitForHealthy(url, proc, 60_000);
  return { name, port: p, url, proc };
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx from Debian's package, round-robin over the replicas. It retries a request on the next
 * replica only when the first could not be reached (connection refused after a kill): a POST that
 * reached a replica is never replayed by the balancer, as in a default production setup.
 */
export async function startNginx(upstreams: number[]): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'response-nginx-'));
  const port = await freePort();
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream response {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://response;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('nginx did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}
