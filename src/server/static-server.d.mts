import type { Server } from 'node:http';

export interface StaticServer {
  /** The base URL, e.g. http://127.0.0.1:5180 (127.0.0.1 when listening on every interface). */
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
}

export function startStaticServer(options: {
  root: string;
  port?: number;
  host?: string;
}): Promise<StaticServer>;

export function createStaticHandler(
  root: string,
): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;

export function securityHeaders(options?: {
  host?: string;
  secure?: boolean;
  scriptHashes?: string[];
}): Record<string, string>;

export function setSecurityHeaders(
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  scriptHashes?: string[],
): void;
