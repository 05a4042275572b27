import type { LiveFrame } from '../shared/api-types';

/** Progress of one reindex as the catalogue replicas report it. */
export interface ReindexStatus {
  reindexId: string;
  phases: Record<string, { phase: string; done: number; total: number }>;
  completed: Record<string, { productCount: number; indexVersion: string }>;
}

/** Folds a reindex frame into the status of the reindex being watched (pure). */
export function reindexReducer(status: ReindexStatus | null, frame: LiveFrame): ReindexStatus | null {
  if (frame.type !== 'reindex.progress' && frame.type !== 'reindex.completed') return status;
  const data = frame.data;
  if (status && status.reindexId !== data.reindexId) return status;
  const base = status ?? { reindexId: data.reindexId, phases: {}, completed: {} };
  const replica = data.replicaId ?? 'catalogue';
  if (frame.type === 'reindex.progress') {
    return { ...base, phases: { ...base.phases, [replica]: { phase: frame.data.phase, done: frame.data.done, total: frame.data.total } } };
  }
  const { productCount, indexVersion } = frame.data;
  const phases = base.phases[replica] ? base.phases : { ...base.phases, [replica]: { phase: 'done', done: productCount, total: productCount } };
  return { ...base, phases, completed: { ...base.completed, [replica]: { productCount, indexVersion } } };
}

/** One replica's line on the admin page: numbered in the order replicas first reported, never by their host names. */
export interface ReplicaRow {
  index: number;
  count: number;
  phase: string;
  done: number;
  total: number;
  completed?: { productCount: number; indexVersion: string };
}

/**
 * The replicas of a reindex as "replica n of m": a replica's id names its server and process
 * (`host-pid-…`), which means nothing to a catalogue manager and is not theirs to see.
 */
export function replicaRows(status: ReindexStatus): ReplicaRow[] {
  const replicas = Object.keys(status.phases);
  return replicas.map((replica, position) => ({
    index: position + 1,
    count: replicas.length,
    ...status.phases[replica],
    ...(status.completed[replica] ? { completed: status.completed[replica] } : {}),
  }));
}
