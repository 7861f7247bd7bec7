/**
 * The boundaries of ESCAPE: the public REST API under {@code /api/v1}, the HTTP hardening every
 * response gets, health checks, and serving the single-page app. Resources are thin — parse, call
 * one service of the core, map — so rules never hide here.
 *
 * <p>The web module uses its own package root ({@code org.escape.web}) so that no package is split
 * across the EAR's class loaders.
 */
package org.escape.web;
