export const projectRoot: string;
export function buildIfStale(options?: { root?: string; log?: (message: string) => void }): Promise<boolean>;
