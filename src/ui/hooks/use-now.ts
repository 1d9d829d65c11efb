import { useEffect, useState } from 'preact/hooks';

/** The time, refreshed every `everyMs`, for relative dates ("2 min ago") that must age on screen. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
