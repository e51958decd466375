// A small static file server for the built app (dist/), in plain Node: no framework.
// - GET and HEAD only;
// - a path without a file extension that is not a file gets index.html (the app's router
//   handles it), so /judge works on a reload or a deep link; a missing file with an extension
//   is a plain 404;
// - Cache-Control: no-cache for index.html, sw.js and everything else that keeps its name across
//   builds; a year and immutable for /assets/*, whose names carry a content hash;
// - text (html, js, css, json, svg, manifest) of 1 KB or more is sent compressed to a browser
//   that accepts it, brotli (over https and on this machine) or gzip: a tablet on busy venue
//   Wi-Fi loads the app in a third of the bytes. Each file is compressed once per version;
// - every response carries the security headers (`securityHeaders`): a Content-Security-Policy
//   that lets the app load only its own code, no framing, no sniffing, no referrer.
// The venue server (src/server/http.ts) serves the app with `createStaticHandler`; the e2e
// harness serves a bare build with `startStaticServer`.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The encodings, best first: brotli at its best (the files are compressed once), then gzip. */
const ENCODINGS = [
  {
    name: 'br',
    compress: promisify(brotliCompress),
    options: (size) => ({
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: size },
    }),
  },
  { name: 'gzip', compress: promisify(gzip), options: () => ({}) },
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Types worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.svg',
  '.txt',
]);
/** Below this, gzip's header costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function cacheControlFor(urlPath) {
  return urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
}

/** Browsers remember for a year to use https only (they ignore it for IP addresses). */
const STRICT_TRANSPORT = 'max-age=31536000';

/** A Host header fit to be written into the policy: a name or an address, and a port. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * What the app may load: its own scripts (and the inline ones of index.html, by hash), the
 * service worker and workbox from its origin; inline styles (React's `style` props, the print
 * view's <style>); photos and QR codes as blob: and data: images; calls to its own origin and
 * the live socket there (named with ws: and wss:, which older Safari does not count as 'self').
 * No plugins, no <base>, no framing by any page.
 * @param {{ host?: string, scriptHashes?: string[] }} options
 */
function contentSecurityPolicy({ host, scriptHashes = [] } = {}) {
  const live = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((hash) => ` 'sha256-${hash}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    `connect-src 'self'${live}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headers every response of the venue server carries, errors included.
 * @param {{ host?: string, secure?: boolean, scriptHashes?: string[] }} options secure: over https
 * @returns {Record<string, string>}
 */
export function securityHeaders({ host, secure = false, scriptHashes = [] } = {}) {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ host, scriptHashes }),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(secure ? { 'Strict-Transport-Security': STRICT_TRANSPORT } : {}),
  };
}

/**
 * Sets the security headers on `res`, for whatever answer follows.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string[]} [scriptHashes]
 */
export function setSecurityHeaders(req, res, scriptHashes = []) {
  const secure = 'encrypted' in req.socket;
  for (const [name, value] of Object.entries(
    securityHeaders({ host: req.headers.host, secure, scriptHashes }),
  )) {
    res.setHeader(name, value);
  }
}

/** The base64 SHA-256 of each inline <script> of an HTML page, as CSP names them. */
function inlineScriptHashes(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes))
    .map(([, , body]) => createHash('sha256').update(body).digest('base64'));
}

async function statFile(path) {
  try {
    const stat = await fs.stat(path);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

/**
 * The request handler that serves `root`: GET and HEAD, index.html for app routes.
 * @param {string} root
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createStaticHandler(root) {
  const rootDir = resolve(root);
  const indexPath = join(rootDir, 'index.html');
  /** Compressed files by encoding and path, made once per version of the file (its etag). */
  const compressed = new Map();
  const compressedFile = async (encoding, path, etag) => {
    const key = `${encoding.name} ${path}`;
    const cached = compressed.get(key);
    if (cached?.etag === etag) return cached.body;
    const raw = await fs.readFile(path);
    const body = await encoding.compress(raw, encoding.options(raw.length));
    compressed.set(key, { etag, body });
    return body;
  };
  /** index.html's inline script hashes, read once per version of the file. */
  let indexScripts = { etag: '', hashes: [] };
  const indexScriptHashes = async (etag) => {
    if (indexScripts.etag !== etag) {
      indexScripts = { etag, hashes: inlineScriptHashes(await fs.readFile(indexPath, 'utf8')) };
    }
    return indexScripts.hashes;
  };

  return async (req, res) => {
    try {
      setSecurityHeaders(req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Method Not Allowed\n');
        return;
      }
      let urlPath;
      try {
        urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Bad Request\n');
        return;
      }
      const filePath = resolve(rootDir, `.${urlPath}`);
      if (filePath !== rootDir && !filePath.startsWith(rootDir + sep)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Forbidden\n');
        return;
      }

      let servePath = filePath;
      let stat = urlPath.endsWith('/') ? null : await statFile(filePath);
      if (!stat && extname(urlPath) === '') {
        servePath = indexPath; // SPA fallback
        stat = await statFile(indexPath);
      }
      if (!stat) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': REVALIDATE });
        res.end('Not Found\n');
        return;
      }

      const extension = extname(servePath).toLowerCase();
      const fileTag = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
      const compressible = COMPRESSIBLE.has(extension) && stat.size >= MIN_COMPRESS_BYTES;
      const accepted = String(req.headers['accept-encoding'] ?? '');
      const encoding = compressible
        ? ENCODINGS.find(({ name }) => new RegExp(`\\b${name}\\b`).test(accepted))
        : undefined;
      // Each encoding is its own representation, with its own etag.
      const etag = encoding ? `W/"${fileTag}-${encoding.name}"` : `W/"${fileTag}"`;
      if (servePath === indexPath) setSecurityHeaders(req, res, await indexScriptHashes(fileTag));
      const headers = {
        'Content-Type': MIME_TYPES[extension] ?? 'application/octet-stream',
        'Cache-Control': servePath === indexPath ? REVALIDATE : cacheControlFor(urlPath),
        ETag: etag,
        'Last-Modified': stat.mtime.toUTCString(),
        ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      if (encoding) {
        const body = await compressedFile(encoding, servePath, etag);
        res.writeHead(200, { ...headers, 'Content-Encoding': encoding.name, 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': stat.size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(servePath)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal Server Error\n');
      console.error(error);
    }
  };
}

/**
 * Serves `root` over http. Resolves once listening.
 * @param {{ root: string, port?: number, host?: string }} options port 0 picks a free port.
 * @returns {Promise<{ url: string, port: number, host: string, server: import('node:http').Server, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1' }) {
  const server = createServer(createStaticHandler(root));

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });

  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${boundPort}`,
    port: boundPort,
    host,
    server,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
