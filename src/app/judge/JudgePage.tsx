/**
 * The judge's tablet screen (/judge). Not bound yet: the join screen. Bound: the judge's desk
 * (status, contestants, score sheet). `?code=12345678` (the QR code) prefills the join code; a
 * code for another judge than the bound one asks before switching.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { readJudgeSession } from '../../db/repository';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { preloadWhenIdle } from '../pwa/lazy-part';
import { joinScreen, LazyJoinScreen } from './LazyJoinScreen';
import { Workspace } from './Workspace';
import './judge.css';

function readCodeParam(): string | null {
  return new URLSearchParams(window.location.search).get('code');
}

export default function JudgePage() {
  const t = useT();
  const db = useDatabase();
  const session = useLiveQuery(async () => (await readJudgeSession(db)) ?? null, [db]);
  const [codeParam, setCodeParam] = useState(readCodeParam);
  useEffect(() => {
    preloadWhenIdle(joinScreen);
  }, []);

  // Once handled, the code leaves the address: a reload or 切换评委 must not reuse it.
  const clearCode = useCallback(() => {
    setCodeParam(null);
    if (readCodeParam() !== null) window.history.replaceState(null, '', window.location.pathname);
  }, []);

  if (session === undefined) return <p className="page loading judge-loading">{t('app.loading')}</p>;
  if (session === null)
    return <LazyJoinScreen initialCode={codeParam ?? ''} currentJudge={null} onDone={clearCode} />;
  return <Workspace session={session} codeParam={codeParam} onCodeHandled={clearCode} />;
}
