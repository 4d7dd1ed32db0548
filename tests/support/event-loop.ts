/** The heap's growth above where it stood, and the event loop's longest pause, while `work` runs. */
export async function watched<T>(work: () => Promise<T>) {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const result = await work();
    return { result, growthMb: (peak - base) / 2 ** 20, longestPauseMs: longest };
  } finally {
    clearInterval(timer);
  }
}
