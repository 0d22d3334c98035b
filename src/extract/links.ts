export function discoverLinks(): { articles: string[]; pages: string[] } {
  return { articles: [], pages: [] };
}
