/**
 * A request to the hub and its answer, as the hub's logic sees them (./core.ts, ./season-http.ts),
 * independent of HTTP (./http.ts turns one into the other).
 */

export interface HubRequest {
  method: string;
  /** The path under /hub/v1, e.g. "/push". */
  path: string;
  query: URLSearchParams;
  /** The Leitai-Protocol header. */
  protocol: string | null;
  /** The bearer token: a venue key, the admin secret or the dashboard code. */
  token: string | null;
  /** The caller's address: wrong secrets are counted per address (AttemptLimiter). */
  address: string;
  /** The parsed JSON body; undefined for none. */
  body: unknown;
}

export interface HubResponse {
  status: number;
  /** JSON text. */
  body: string;
}
