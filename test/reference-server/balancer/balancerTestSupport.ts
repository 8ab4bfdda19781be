// Shared by the balancer's end-to-end tests: static replicas over real reference-server processes,
// one-row inference requests, and a replica's own request count from its /metrics.

import { createReplica, type Replica } from '../../../reference-server/balancer/replica.ts';
import { HttpConnections } from '../../../common/http/httpConnections.ts';
import { inferRows, type JsonResponse } from '../../support/referenceServer.ts';

export const row = Array.from({ length: 784 }, (_, i) => (i % 17) / 17);

/** POSTs one row to `baseUrl`'s mnist-mlp. */
export function inferOne(baseUrl: string): Promise<JsonResponse> {
  return inferRows(`${baseUrl}/v2/models/mnist-mlp/infer`, row);
}

/** A replica record for a process the test started itself (no supervisor), in rotation. */
export function staticReplica(id: number, url: string, weight = 1): Replica {
  const replica = createReplica(id, weight);
  replica.url = url;
  replica.connections = new HttpConnections(url);
  replica.process = 'running';
  replica.ready = true;
  return replica;
}

/** The replica's own count of answered inference requests (its `infercap_requests_total`), all statuses. */
export async function servedCount(replicaUrl: string): Promise<number> {
  const text = await (await fetch(`${replicaUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith('infercap_requests_total{')) total += Number(line.split(' ').at(-1));
  return total;
}

/** Sends `count` requests one after another; returns the replica id that answered each (X-Infercap-Replica). */
export async function sequentialReplicaIds(baseUrl: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await inferOne(baseUrl);
    if (response.status !== 200) throw new Error(`request ${i} answered ${response.status}: ${JSON.stringify(response.body)}`);
    ids.push(Number(response.headers.get('x-infercap-replica')));
  }
  return ids;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
