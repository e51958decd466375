/**
 * HTTPS on the venue's network. Tablets need a secure context for the offline app (service
 * worker), and http://192.168.x.x is not one; no public certificate authority will certify a
 * laptop's private address. So the server makes its own certificate authority once, kept in the
 * data directory, and with it a certificate for this laptop's addresses, `localhost` and `.local`
 * names. A tablet trusts that authority once (the onboarding page, ./onboarding.ts), and from
 * then on every certificate this laptop makes for itself.
 *
 * Keys come from node:crypto; node-forge writes the X.509 certificates.
 */

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface TlsMaterial {
  key: string;
  /** The server certificate, followed by the authority's when there is one. */
  cert: string;
  /** The authority's certificate for tablets to download; null with a user-supplied certificate. */
  caCert: string | null;
}

export interface CertificateNames {
  dns: string[];
  ips: string[];
}

const DAY = 24 * 60 * 60 * 1000;
/** Apple refuses server certificates valid for more than 398 days. */
const SERVER_VALIDITY_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const CA_VALIDITY_YEARS = 10;

function newKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function serialNumber(): string {
  // Unique, positive (first bit clear) and minimally encoded (first byte not zero): a serial
  // starting with a zero byte is DER's "illegal padding", and OpenSSL then refuses the certificate.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f || 0x01;
  return bytes.toString('hex');
}

const PRIVATE_KEYS = ['ca.key.pem', 'server.key.pem'];

/** A private key, readable by this laptop's user alone (the mode also when the file existed). */
function writePrivate(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

interface Authority {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  pem: string;
}

function createAuthority(dir: string, label: string, now: Date): Authority {
  const { privateKey, publicKey } = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - DAY);
  cert.validity.notAfter = new Date(now.getTime() + CA_VALIDITY_YEARS * 365 * DAY);
  const subject = [
    { name: 'commonName', value: `Leitai Venue CA (${label})` },
    { name: 'organizationName', value: 'Leitai' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  cert.sign(key, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  writePrivate(join(dir, 'ca.key.pem'), privateKey);
  writeFileSync(join(dir, 'ca.crt.pem'), pem);
  return { cert, key, pem };
}

function loadAuthority(dir: string, label: string, now: Date): Authority {
  const keyPath = join(dir, 'ca.key.pem');
  const certPath = join(dir, 'ca.crt.pem');
  if (!existsSync(keyPath) || !existsSync(certPath)) return createAuthority(dir, label, now);
  const pem = readFileSync(certPath, 'utf8');
  return {
    cert: forge.pki.certificateFromPem(pem),
    key: forge.pki.privateKeyFromPem(readFileSync(keyPath, 'utf8')) as forge.pki.rsa.PrivateKey,
    pem,
  };
}

function sameNames(a: CertificateNames, b: CertificateNames): boolean {
  const key = (names: CertificateNames) => JSON.stringify([[...names.dns].sort(), [...names.ips].sort()]);
  return key(a) === key(b);
}

function createServerCertificate(
  dir: string,
  authority: Authority,
  names: CertificateNames,
  now: Date,
): void {
  const { privateKey, publicKey } = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - DAY);
  cert.validity.notAfter = new Date(now.getTime() + SERVER_VALIDITY_DAYS * DAY);
  cert.setSubject([{ name: 'commonName', value: names.dns[0] ?? 'localhost' }]);
  cert.setIssuer(authority.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: authority.cert.generateSubjectKeyIdentifier().getBytes(),
    },
    {
      name: 'subjectAltName',
      altNames: [
        ...names.dns.map((value) => ({ type: 2, value })),
        ...names.ips.map((ip) => ({ type: 7, ip })),
      ],
    },
  ]);
  cert.sign(authority.key, forge.md.sha256.create());
  writePrivate(join(dir, 'server.key.pem'), privateKey);
  writeFileSync(join(dir, 'server.crt.pem'), forge.pki.certificateToPem(cert));
  writeFileSync(join(dir, 'server.names.json'), `${JSON.stringify(names, null, 2)}\n`);
}

/**
 * The authority (made on the first start) and a server certificate for `names`, made again when
 * the laptop's addresses change or the certificate nears its end.
 */
export function localTls(
  dataDir: string,
  names: CertificateNames,
  label: string,
  now = new Date(),
): TlsMaterial {
  const dir = join(dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Keys an older version left readable to all become owner-only.
  chmodSync(dir, 0o700);
  for (const key of PRIVATE_KEYS) if (existsSync(join(dir, key))) chmodSync(join(dir, key), 0o600);
  const authority = loadAuthority(dir, label, now);
  const certPath = join(dir, 'server.crt.pem');
  const namesPath = join(dir, 'server.names.json');
  let fresh = existsSync(certPath) && existsSync(namesPath) && existsSync(join(dir, 'server.key.pem'));
  if (fresh) {
    const current = forge.pki.certificateFromPem(readFileSync(certPath, 'utf8'));
    const renewAt = current.validity.notAfter.getTime() - RENEW_BEFORE_DAYS * DAY;
    const issuedByAuthority = current.issuer.hash === authority.cert.subject.hash;
    fresh =
      renewAt > now.getTime() &&
      issuedByAuthority &&
      sameNames(JSON.parse(readFileSync(namesPath, 'utf8')) as CertificateNames, names);
  }
  if (!fresh) createServerCertificate(dir, authority, names, now);
  return {
    key: readFileSync(join(dir, 'server.key.pem'), 'utf8'),
    cert: `${readFileSync(certPath, 'utf8')}${authority.pem}`,
    caCert: authority.pem,
  };
}

/** A certificate and key the organizer brings (e.g. from the venue's own authority). */
export function suppliedTls(certFile: string, keyFile: string): TlsMaterial {
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), caCert: null };
}

/** The authority's certificate in DER, as tablets install it from /ca.crt. */
export function caCertDer(pem: string): Buffer {
  return Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(),
    'binary',
  );
}
