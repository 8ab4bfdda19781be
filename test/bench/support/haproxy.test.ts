import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HttpConnections } from '../../../common/http/httpConnections.ts';
import { haproxyConfig, startHaproxy } from '../../../bench/support/haproxy.ts';
import { needs, requireProgram } from '../../support/requiredPrograms.ts';

describe('HAProxy for bench:balancer', () => {
  it('writes a leastconn HTTP configuration with one server line per replica', () => {
    const config = haproxyConfig(8080, ['http://127.0.0.1:9001', 'http://127.0.0.1:9002']);
    assert.match(config, /\n {2}mode http\n/);
    assert.match(config, /\n {2}bind 127\.0\.0\.1:8080\n/);
    assert.match(config, /\n {2}balance leastconn\n {2}server replica1 127\.0\.0\.1:9001\n {2}server replica2 127\.0\.0\.1:9002\n/);
  });

  it('passes requests to the replicas and stops by its pid', needs('haproxy'), async () => {
    const binary = requireProgram('haproxy');
    const seen: number[] = [];
    const replicas = await Promise.all(
      [1, 2].map(async (id) => {
        const server = http.createServer((request, response) => {
          seen.push(id);
          request.resume();
          request.on('end', () => response.end(`replica ${id}`));
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return server;
      }),
    );
    const haproxy = await startHaproxy(binary, replicas.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    const connections = new HttpConnections(haproxy.url);
    try {
      // Two at once: least connections sends them to different replicas.
      const answers = await Promise.all([1, 2].map(() => connections.request({ method: 'POST', path: '/v2/models/m/infer', body: '{}' })));
      assert.deepEqual(answers.map((answer) => answer.status), [200, 200]);
      assert.deepEqual([...seen].sort(), [1, 2]);
    } finally {
      connections.close();
      await haproxy.stop();
      for (const server of replicas) server.closeAllConnections(), server.close();
    }
    assert.throws(() => process.kill(haproxy.pid, 0), /ESRCH/);
  });
});
