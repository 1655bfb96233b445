/** Bench targets print one `READY <port> <json>` line when they listen; the runner waits for it. */
export function announceReady(port: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`READY ${port} ${JSON.stringify(extra)}\n`);
}

export function portOf(address: string | { port: number } | null): number {
  if (address && typeof address === 'object') return address.port;
  const m = /:(\d+)$/.exec(String(address));
  return m ? Number(m[1]) : 0;
}
