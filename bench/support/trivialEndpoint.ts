// A trivial HTTP endpoint in a child process (it reads the POST body and answers 200 "ok"), so load
// generators measured against it (wrk, the harness's drivers) never share its event loop.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface TrivialEndpoint {
  readonly url: string;
  /** Stops the child by its pid and waits for it to exit. */
  stop(): Promise<void>;
}

const source = `
const http = require('node:http');
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => { response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }); response.end('ok'); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** Starts the endpoint on a free loopback port and resolves once it listens. */
export async function startTrivialEndpoint(): Promise<TrivialEndpoint> {
  const child: ChildProcess = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`trivial endpoint exited with code ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    url: `http://127.0.0.1:${port}/v2/models/trivial/infer`,
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
