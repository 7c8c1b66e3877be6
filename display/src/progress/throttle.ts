/** `due(force)` is true at most once every `minIntervalMs` (always when forced). */
export function throttle(minIntervalMs: number, now: () => number = Date.now): (force: boolean) => boolean {
  let last = -Infinity;
  return (force) => {
    const t = now();
    if (!force && t - last < minIntervalMs) return false;
    last = t;
    return true;
  };
}
