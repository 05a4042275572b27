import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { reindexCompletedV1, reindexProgressV1, reindexRunV1, type ReindexCompletedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { CatalogueConfig } from '../catalogue.config';
import { CatalogueCliModule } from './catalogue-cli.module';

/** After the last replica we know of completes, wait this long for replicas that had not reported yet. */
const SETTLE_MS = 750;

/**
 * `callcart catalogue reindex`: asks the running catalogue service(s) to rebuild and swap their
 * indexes, shows each replica's progress (`reindexProgressV1`) and returns once every replica
 * that started has completed (`reindexCompletedV1`). Exit code 0 on success, 1 when no service
 * answered or the reindex did not complete in time.
 */
export async function reindexCommand(config: CatalogueConfig, options: { timeoutMs: number }): Promise<number> {
  const context = await NestFactory.createApplicationContext(CatalogueCliModule.register(config, { database: false }), { logger: ['error'] });
  const bus = context.get(MessageBus);
  const reindexId = randomUUID();
  const bars = new MultiBar({ format: '{replica} {phase} [{bar}] {value}/{total}', clearOnComplete: false, stopOnComplete: false }, Presets.shades_classic);
  const replicas = new Map<string, SingleBar>();
  const completed = new Map<string, ReindexCompletedV1>();
  let settled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settled = resolve));
  let settleTimer: NodeJS.Timeout | undefined;
  const barOf = (replica: string, total: number) => {
    let bar = replicas.get(replica);
    if (!bar) {
      bar = bars.create(Math.max(total, 1), 0, { replica, phase: 'reading' });
      replicas.set(replica, bar);
    }
    return bar;
  };
  try {
    await bus.subscribe(reindexProgressV1, (progress) => {
      if (progress.reindexId !== reindexId) return;
      const bar = barOf(progress.replicaId ?? 'catalogue', progress.total);
      bar.setTotal(Math.max(progress.total, 1));
      bar.update(progress.done, { replica: progress.replicaId ?? 'catalogue', phase: progress.phase });
    });
    await bus.subscribe(reindexCompletedV1, (completion) => {
      if (completion.reindexId !== reindexId) return;
      const replica = completion.replicaId ?? 'catalogue';
      completed.set(replica, completion);
      const bar = barOf(replica, completion.productCount);
      bar.update(bar.getTotal(), { replica, phase: 'live' });
      if ([...replicas.keys()].every((known) => completed.has(known))) {
        if (settleTimer) clearTimeout(settleTimer);
        settleTimer = setTimeout(settled, SETTLE_MS);
      }
    });
    const reply = await bus.request(reindexRunV1, { reindexId }, { correlationId: reindexId });
    if (!reply.ok) {
      process.stderr.write(`callcart catalogue reindex: ${reply.code}: ${reply.message} (is the catalogue service running?)\n`);
      return 1;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
    const outcome = await Promise.race([done.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    bars.stop();
    if (outcome === 'timeout') {
      process.stderr.write(`callcart catalogue reindex: not completed within ${options.timeoutMs} ms (${completed.size} replica(s) done)\n`);
      return 1;
    }
    for (const [replica, completion] of completed) {
      process.stdout.write(`reindex ${reindexId}: ${replica} now serves ${completion.indexVersion} (${completion.productCount} products)\n`);
    }
    return 0;
  } finally {
    if (settleTimer) clearTimeout(settleTimer);
    bars.stop();
    await context.close();
  }
}
