import { useCallback, useEffect, useState } from 'react';
import { api } from './api.client';
import type { Principal } from './api-types';

/** The signed-in principal (`undefined` while loading, `null` when signed out). */
export function usePrincipal(): [Principal | null | undefined, (principal: Principal | null) => void] {
  const [principal, setPrincipal] = useState<Principal | null | undefined>(undefined);
  useEffect(() => {
    api<Principal>('GET', '/api/auth/me')
      .then(setPrincipal)
      .catch(() => setPrincipal(null));
  }, []);
  const set = useCallback((next: Principal | null) => setPrincipal(next), []);
  return [principal, set];
}
