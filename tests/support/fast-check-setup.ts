// Every property test takes the run's one seed (vitest.config.ts: FC_SEED, else a random one) and, when it
// fails, says how to replay it: the same seed generates the same values.
import fc from 'fast-check';
import { inject } from 'vitest';

const seed = inject('fcSeed');
fc.configureGlobal({
  seed,
  reporter(details) {
    if (!details.failed) return;
    throw new Error(`${fc.defaultReportMessage(details)}\n\nReplay with FC_SEED=${seed}.`);
  },
});
