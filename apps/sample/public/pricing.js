// The browser half of the pricing page: the free-trial button converts `SignupClicked` with
// @pagesense/browser (loaded before this file as window.PageSense, the script-tag build).
// The server embedded its settings document and this visitor's id in #pagesense-bootstrap, so
// the browser client decides at once, fetches nothing, and is the same user as on the server.
(() => {
  const config = JSON.parse(document.getElementById("pagesense-bootstrap").textContent);

  const ready = window.PageSense.createClient({
    settings: config.settings,
    userId: config.userId,
    baseUrl: config.baseUrl, // events go straight to the PageSense server
  });
  // Handy in the devtools console: (await pagesense).getStats()
  window.pagesense = ready;

  const browserVariation = document.getElementById("browser-variation");
  ready
    .then((client) => client.visitor.getVariationName(config.experiment))
    .then(
      (variation) => {
        browserVariation.textContent = variation ?? "not in the experiment";
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
    // Queued, then sent with keepalive fetch (or a beacon if the page is closed first).
    await client.visitor.trackGoal(config.experiment, config.signupGoal);
  });
})();
