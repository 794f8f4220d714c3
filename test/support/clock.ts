/** Waits until the clock has passed `instant`, so the next write is recorded strictly later. */
export async function afterInstant(instant: string): Promise<void> {
  const target = Date.parse(instant);
  while (Date.now() <= target + 1) await new Promise((resolve) => setTimeout(resolve, 2));
}

export const oneMillisecondAfter = (instant: string): string =>
  new Date(Date.parse(instant) + 1).toISOString();
