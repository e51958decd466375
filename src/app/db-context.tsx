/**
 * Which database the screens read and write. The app uses the device's singleton; component
 * tests wrap a screen in <DatabaseProvider db={fresh}> with a fake-indexeddb factory, so every
 * test starts from an empty device.
 */
import { createContext, type ReactNode, useContext } from 'react';
import { db as deviceDatabase, type LeitaiDB } from '../db/database';

const DatabaseContext = createContext<LeitaiDB>(deviceDatabase);

export function DatabaseProvider({ db, children }: { db: LeitaiDB; children: ReactNode }) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

export function useDatabase(): LeitaiDB {
  return useContext(DatabaseContext);
}
