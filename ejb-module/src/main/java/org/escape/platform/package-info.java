/**
 * What every feature leans on and nothing feature-specific: the one unchecked root exception and
 * its few meaningful subtypes (which the web boundary maps to problem+json), the database schema
 * migrations that must have run before anything touches a table, and small value helpers.
 *
 * <p>It is deliberately small: a type belongs here only when two or more feature packages need it
 * and it carries no rule of its own. Security rules never live here; they live in
 * {@code org.escape.access}.
 */
package org.escape.platform;
