/**
 * nginx as the baseline: the same bytes as static files, from a temporary configuration on
 * 127.0.0.1, one worker (the Node server is one thread too), sendfile as nginx does by default
 * for static files, gzip at level 1 (the HAPI server's data level) for the gzip comparison.
 * Runs as a foreground child (`daemon off`) that the benchmark stops by its pid.
 *
 * @module
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { spawnChild, stopChild, waitForHttp } from './lifecycle.ts';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

export function findNginx(): string | undefined {
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export interface Nginx {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function config(prefix: string, root: string, port: number): string {
  return `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  types { text/csv csv; application/json json; application/octet-stream bin; text/plain txt; }
  sendfile on;
  tcp_nopush on;
  gzip on;
  gzip_comp_level 1;
  gzip_min_length 1024;
  gzip_types text/csv application/json application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

/**
 * Start nginx serving `root` (world-readable: as root, nginx's workers run as nobody) on `port`,
 * with its configuration, pid and logs in `prefix`.
 */
export async function startNginx(binary: string, prefix: string, root: string, port: number): Promise<Nginx> {
  fs.mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, config(prefix, root, port));
  // -e: early errors to stderr, not to the compiled-in /var/log path.
  execFileSync(binary, ['-t', '-q', '-e', 'stderr', '-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const child = spawnChild(binary, ['-e', 'stderr', '-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  fs.writeFileSync(path.join(root, 'ping.txt'), 'ok\n');
  await waitForHttp(`${url}/ping.txt`, child, 10_000);
  return { url, child, stop: () => stopChild(child) };
}
