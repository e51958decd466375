/** Saves a JSON file through the browser's download (the device log, the refused list). */
export function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(value)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "leitai-device-log-0a1b2c3d-2026-11-23.json": which device, which day. */
export function deviceFileName(kind: string, file: { deviceId: string; exportedAt: string }): string {
  return `leitai-${kind}-${file.deviceId.slice(0, 8)}-${file.exportedAt.slice(0, 10)}.json`;
}
