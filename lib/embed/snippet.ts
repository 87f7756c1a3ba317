/** The publisher's one script tag for an article (issue 14). */
export function embedSnippet(baseUrl: string, slug: string): string {
  return `<script src="${baseUrl}/embed.js" data-factmark-article="${slug}" async></script>`;
}
