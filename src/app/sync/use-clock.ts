/** Formats a moment as the screen's language writes a time of day (09:30:05). */
export function useClock(lang: string) {
  return (ms: number) =>
    new Date(ms).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
}
