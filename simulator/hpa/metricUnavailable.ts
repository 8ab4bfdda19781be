// The failure of one metric's computation: the controller reports it on that metric and carries on with the others.

/** A metric the controller cannot compute this step; reported on the metric, never a process failure. */
export class MetricUnavailable extends Error {
  override name = 'MetricUnavailable';
}
