import { html } from "../html";
import { renderPage } from "./layout";

/** A short error page (unknown plan, unknown path). */
export function renderErrorPage(input: { title: string; message: string; reportUrl: string }) {
  return renderPage({
    title: input.title,
    reportUrl: input.reportUrl,
    main: html`<section class="error">
  <h1>${input.title}</h1>
  <p>${input.message}</p>
  <p><a href="/pricing">Back to pricing</a></p>
</section>`,
  });
}
