// The browser half of the pricing page: the free-trial button converts `SignupClicked` with
// @pagesense/browser (loaded before this file as window.PageSense, the script-tag build).
// The server embedded its settings document and this visitor's id in #pagesense-bootstrap, so
// the browser client decides at once, fetches nothing, and is the same user as on the server.
// On a QA link (?pagesense=PricingTest:Variation%201, the page's "see Variation 1 / Original"
// switch) the browser client is forced too (allowUrlOverrides), and the click is not recorded.
(() => {
  const config = JSON.parse(document.getElementById("pagesense-bootstrap").textContent);

  const ready = window.PageSense.createClient({
    settings: config.settings,
    userId: config.userId,
    baseUrl: config.baseUrl, // events go straight to the PageSense server
    allowUrlOverrides: true, // QA links; a page whose visitors must not pick leaves it off
  });
  // Handy in the devtools console: (await pagesense).getStats()
  window.pagesense = ready;

  const browserVariation = document.getElementById("browser-variation");
  const decision = ready.then((client) => client.visitor.decide(config.experiment));
  decision.then(
    ({ variationName, reason }) => {
      const forced = reason === "FORCED" ? " (forced by the QA link)" : "";
      browserVariation.textContent = (variationName ?? "not in the experiment") + forced;
    },
    (error) => {
      browserVariation.textContent = "PageSense failed to start (see the console)";
      console.error(error);
    },
  );

  const cta = document.getElementById("signup-cta");
  cta.addEventListener("click", async () => {
    cta.disabled = true;
    document.getElementById("signup-note").hidden = false;
    const client = await ready;
    // A QA view records nothing: forced decisions would count as real traffic in the report.
    if ((await decision).reason === "FORCED") {
      document.getElementById("signup-note").textContent = "QA view: this click was not recorded.";
      return;
    }
    // Queued, then sent with keepalive fetch (or a beacon if the page is closed first).
    await client.visitor.trackGoal(config.experiment, config.signupGoal);
  });
})();
