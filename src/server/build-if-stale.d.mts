export const projectRoot: string;
export function staleReason(root?: string): string | null;
export function buildIfStale(options?: { root?: string; log?: (message: string) => void }): Promise<boolean>;
