/**
 * A judge's join QR code, for the organizer's judges list: the tablet's camera opens
 * <venue server>/judge?code=123456. The link points at the address tablets use on the venue's
 * network (the server says which), not at the laptop's own 127.0.0.1. The QR library is loaded
 * only when a code is shown (qr-path.ts). Only the judges' screens show it: its words are theirs
 * (the 'organizer-people' message area).
 */

import { useEffect, useState } from 'react';
import { hello } from '../../sync/session';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { type QrPath, qrPath } from '../qr-path';
import { deviceSync } from './device-sync';
import './sync.css';

/** White modules around the code, as scanners want. */
const QUIET_ZONE = 2;

function judgeJoinUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/judge?code=${encodeURIComponent(code)}`;
}

export interface JoinQrCodeProps {
  code: string;
  judgeName: string;
  /** Where tablets reach the app; by default the venue server's LAN address, else this page's origin. */
  baseUrl?: string;
}

export function JoinQrCode({ code, judgeName, baseUrl }: JoinQrCodeProps) {
  const t = useT();
  const db = useDatabase();
  const [base, setBase] = useState<string | null>(baseUrl ?? null);
  const [path, setPath] = useState<QrPath | null>(null);

  useEffect(() => {
    if (baseUrl) {
      setBase(baseUrl);
      return;
    }
    let live = true;
    const fallback = window.location.origin;
    const sync = deviceSync(db);
    if (!sync) {
      setBase(fallback);
      return;
    }
    hello(sync.transport).then(
      (answer) => live && setBase(answer.publicBaseUrl ?? fallback),
      () => live && setBase(fallback),
    );
    return () => {
      live = false;
    };
  }, [baseUrl, db]);

  const url = base === null ? null : judgeJoinUrl(base, code);
  useEffect(() => {
    if (url === null) return;
    let live = true;
    void qrPath(url).then((drawn) => live && setPath(drawn));
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <figure className="join-qr">
      <svg
        role="img"
        aria-label={url ? t('people.joinCodes.qrLabel', { name: judgeName, url }) : judgeName}
        viewBox={
          path
            ? `-${QUIET_ZONE} -${QUIET_ZONE} ${path.size + 2 * QUIET_ZONE} ${path.size + 2 * QUIET_ZONE}`
            : '0 0 1 1'
        }
        shapeRendering="crispEdges"
      >
        {path && <path d={path.d} fill="currentColor" />}
      </svg>
      {url && <figcaption>{url}</figcaption>}
    </figure>
  );
}
