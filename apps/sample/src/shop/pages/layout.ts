import { html, type SafeHtml } from "../html";

/** What every page of the shop needs. */
export interface PageShell {
  title: string;
  /** The local PageSense server's report page, linked from the header. */
  reportUrl: string;
  main: SafeHtml;
  /** Extra elements at the end of `<body>` (scripts). */
  tail?: SafeHtml;
  /** Attributes of `<body>` the tests and the browser script read, e.g. the variation. */
  data?: Record<string, string>;
}

/** The HTML document around a page: header with navigation, stylesheet, footer. */
export function renderPage(page: PageShell): string {
  const data = Object.entries(page.data ?? {}).map(([key, value]) => html` data-${key}="${value}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Acme Analytics</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/shop.css">
</head>
<body${data}>
<header class="site-header">
  <a class="brand" href="/pricing">Acme Analytics</a>
  <nav>
    <a href="/pricing">Pricing</a>
    <a href="${page.reportUrl}">PageSense report</a>
  </nav>
</header>
<main>
${page.main}
</main>
<footer class="site-footer">
  A demo shop for <a href="https://www.zoho.com/pagesense/">Zoho PageSense</a> Full Stack A/B
  testing, running against the local PageSense server.
</footer>
${page.tail}
</body>
</html>
`.value;
}
