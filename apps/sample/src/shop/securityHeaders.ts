import type { RequestHandler } from "express";

/**
 * Security headers of every shop response. The Content-Security-Policy allows scripts and styles
 * from the shop only (no inline script: the settings travel as JSON data), and network requests
 * to the PageSense server only, where the browser SDK sends its events.
 */
export function securityHeaders(pagesenseOrigin: string): RequestHandler {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${pagesenseOrigin}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return (_req, res, next) => {
    res.set({
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    next();
  };
}
