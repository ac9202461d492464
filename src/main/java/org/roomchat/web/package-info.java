/**
 * The page adapter: Faces views' backing beans, the login, sign-up and admin controllers, the
 * filters for CSRF, security headers, proxies and pretty URLs, and the error page. Depends on the
 * core and metrics.
 */
package org.roomchat.web;
