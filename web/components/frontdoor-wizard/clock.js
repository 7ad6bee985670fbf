/**
 * clock.js: which clock the element trusts: the device's, or the server's when the data
 * bundle's response shows the device to be wrong (docs/web.md, "The clock").
 */
/** A device clock further than this from the server's is not trusted (serverClock). */
export const CLOCK_TOLERANCE_MS = 5 * 60000;

/**
 * Whether the data bundle's response vouches for the time (docs/web.md, "The clock"), from its
 * `headers` (`Date` is null when not exposed cross-origin), its Resource Timing `entry` and
 * `origin`, the device clock (epoch ms) at performance time 0. Only a response the server has
 * just sent counts: transferSize > 0 (it came over the network, a 304 included, whose Date is the
 * server's now) and no Age (no cache on the way kept it). → the server's clock as the epoch ms
 * at performance time 0 when the device is off by more than CLOCK_TOLERANCE_MS (Date has whole
 * seconds: it may be up to 1 s behind); null when the device clock agrees; undefined when the
 * response cannot say.
 */
export function serverClock(headers, entry, origin) {
  const server = Date.parse(headers.get('Date'));
  if (!entry || !(entry.transferSize > 0 && entry.responseStart > 0 && server > 0) || Number(headers.get('Age')) !== 0) return undefined;
  const ahead = origin + entry.responseStart - server;
  return ahead < -CLOCK_TOLERANCE_MS || ahead > CLOCK_TOLERANCE_MS + 1000 ? server - entry.responseStart : null;
}

/** Now (epoch ms): the server's clock (serverClock) advanced by the page's monotonic clock, else the device's. */
export function clockNow(clock) {
  return clock == null ? Date.now() : clock + performance.now();
}
