/**
 * HTTP hardening and serving of the single-page app: the security headers every response of the
 * application carries (a Content-Security-Policy without inline script, nosniff, no referrer,
 * no framing), history-mode routing for the app's own paths, and container errors turned into
 * problem+json instead of HTML error pages.
 */
package org.escape.web.http;
