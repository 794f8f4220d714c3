import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  start(total: number, label: string): void;
  increment(): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, increment() {}, stop() {} };

/** A progress bar on stderr; it draws nothing when stderr is not a terminal (logs, CI, tests). */
export function progressBar(): Progress {
  const bar = new SingleBar(
    {
      format: '{label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left',
      hideCursor: true,
      etaBuffer: 200,
    },
    Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    increment: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
