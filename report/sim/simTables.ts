// The tables the simulation and capacity-plan reports share: what was simulated (trace, SLO, instance,
// service model, cluster) and one row of figures per policy outcome.

import { formatMs, formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import type { PolicyOutcome } from '../../simulator/plan/planResults.ts';
import type { SimulationResults } from '../../simulator/simulate/simulationResults.ts';
import { html, type Html } from '../html.ts';
import { formatMoney } from '../reportHeadlines.ts';

type Setup = Pick<SimulationResults, 'trace' | 'slo' | 'instance' | 'serviceModel' | 'cluster'>;

const ms = (value: number | null) => (value === null ? '–' : formatMs(value));

/** A duration in seconds as the largest whole units: `2 d 3 h`, `45 min`, `30 s`. */
export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', minutes > 0 && days === 0 ? `${minutes} min` : '', seconds < 600 ? `${seconds % 60} s` : ''];
  return parts.filter((part) => part !== '').join(' ') || '0 s';
}

/** What was simulated, as label–value rows. */
export function setupTable(setup: Setup): Html {
  const { trace, slo, instance, serviceModel, cluster } = setup;
  const startup = cluster.startupDelaySeconds;
  const rows: [string, string][] = [
    ['Trace', `${trace.name} (${trace.source}${trace.file === null ? '' : `, ${trace.file}`}): ${formatDuration(trace.seconds)}, ${Math.round(trace.totalRequests).toLocaleString('en-US')} requests`],
    ['Load', `mean ${formatRate(trace.meanRps)}, p99 ${formatRate(trace.p99Rps)}, peak ${formatRate(trace.peakRps)}`],
    ['SLO', `${slo.text} for ${formatPercent(slo.objective)} of requests`],
    ['Instance', `${instance.name} (${instance.kind}), ${formatMoney(instance.pricePerHour, instance.currency)} per replica-hour, requests ${Object.entries(instance.requests).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}`],
    ['Calibration', instance.calibration ?? 'declared by hand'],
    ['Service model', `capacity ${formatRate(serviceModel.capacity)} per replica, queue limit ${serviceModel.queueLimit}, service time p50 ${formatMs(serviceModel.serviceTimeMs.p50)} / p99 ${formatMs(serviceModel.serviceTimeMs.p99)}`],
    ['Cluster', `pod start-up ${startup.min === startup.max ? `${startup.min} s` : `${startup.min}–${startup.max} s`}, HPA sync every ${cluster.syncPeriodSeconds} s, metrics every ${cluster.metricsResolutionSeconds} s (${cluster.metricsLagSeconds} s late), ${cluster.initialReplicas} replicas at start`],
  ];
  return html`<table class="setup"><tbody>${rows.map(([label, value]) => html`<tr><th>${label}</th><td class="text">${value}</td></tr>`)}</tbody></table>`;
}

/** Header cells matching `outcomeCells`. */
export const outcomeHeader = html`<th>Cost</th><th>Per 1M requests</th><th>Attainment (requests)</th><th>Attainment (seconds)</th><th>p95</th><th>p99</th><th>Rejected</th><th>Replicas (min–max, mean)</th><th>SLO</th>`;

/** One policy's figures as table cells. */
export function outcomeCells(outcome: PolicyOutcome, currency: string): Html {
  const { replicas } = outcome;
  return html`<td>${formatMoney(outcome.cost, currency)}</td><td>${outcome.costPerMillionRequests === null ? '–' : formatMoney(outcome.costPerMillionRequests, currency)}</td><td>${formatPercent(outcome.attainment.requests)}</td><td>${formatPercent(outcome.attainment.seconds)}</td><td>${ms(outcome.latencyMs.p95)}</td><td>${ms(outcome.latencyMs.p99)}</td><td>${Math.round(outcome.rejected).toLocaleString('en-US')}</td><td>${replicas.min}–${replicas.max}, ${replicas.mean.toFixed(1)}</td><td><span class="badge ${outcome.meetsSlo ? 'pass' : 'fail'}">${outcome.meetsSlo ? 'met' : 'missed'}</span></td>`;
}
