import { Presets, SingleBar } from 'cli-progress';

export interface PositionProgress {
  start(total: number): void;
  update(value: number): void;
  stop(): void;
}

export const noProgress: PositionProgress = { start() {}, update() {}, stop() {} };

/**
 * A progress bar on stderr, moved to a value rather than stepped (a global position, an event
 * count); it draws nothing when stderr is not a terminal.
 */
export function positionProgress(label: string): PositionProgress {
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {eta_formatted} left`,
      hideCursor: true,
      etaBuffer: 500,
    },
    Presets.shades_classic,
  );
  return {
    start: (total) => bar.start(Math.max(total, 1), 0),
    update: (value) => bar.update(value),
    stop: () => bar.stop(),
  };
}
