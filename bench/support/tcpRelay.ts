// A plain TCP relay in its own process (every connection piped to one target, no HTTP parsing), for
// bench:balancer: what one more process hop costs on this machine, the floor under any proxy's overhead.
// Usage: node --import tsx bench/support/tcpRelay.ts <target url>

import net from 'node:net';

const target = new URL(process.argv[2]!);
const server = net.createServer((client) => {
  const upstream = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true });
  client.setNoDelay(true);
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`relay listening on http://127.0.0.1:${(server.address() as net.AddressInfo).port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
