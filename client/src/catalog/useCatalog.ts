import { useEffect, useState } from 'react';
import { getCatalogState, retryCatalog, subscribeCatalog, syncCatalog, type CatalogState } from './cache';

/** The cached catalog for a page; starts the launch-time sync if nobody has yet. */
export function useCatalog(): { state: CatalogState; retry: () => void } {
  const [state, setState] = useState<CatalogState>(getCatalogState);
  useEffect(() => {
    const off = subscribeCatalog(setState);
    setState(getCatalogState());
    void syncCatalog();
    return off;
  }, []);
  return { state, retry: () => void retryCatalog() };
}
