/**
 * The page adapter: Faces views' backing beans, the login, sign-up and admin controllers, and the
 * filters for CSRF, security headers, proxies and pretty URLs. Depends on the core and metrics.
 */
package org.roomchat.web;
