import type { LiveFrame as LiveMessage } from '../shared/api-types';
import { reindexReducer, replicaRows } from './reindex-status.reducer';

const ID = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const progress = (replicaId: string, done: number): LiveMessage => ({ type: 'reindex.progress', data: { reindexId: ID, replicaId, phase: 'indexing', done, total: 10 } });

describe('replicaRows', () => {
  it('numbers replicas in the order they first reported, never by their host names', () => {
    let status = reindexReducer(null, progress('db-host-7-1234-aa', 2));
    status = reindexReducer(status, progress('web-host-9-77-bb', 5));
    status = reindexReducer(status, progress('db-host-7-1234-aa', 10));
    status = reindexReducer(status, { type: 'reindex.completed', data: { reindexId: ID, replicaId: 'web-host-9-77-bb', productCount: 10, indexVersion: 'v2', completedAt: '2026-12-04T10:00:00.000Z' } });
    const rows = replicaRows(status!);
    expect(rows).toEqual([
      { index: 1, count: 2, phase: 'indexing', done: 10, total: 10 },
      { index: 2, count: 2, phase: 'indexing', done: 5, total: 10, completed: { productCount: 10, indexVersion: 'v2' } },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/host/);
  });
});
