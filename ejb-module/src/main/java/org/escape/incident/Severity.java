package org.escape.incident;

/** How bad an incident is, as responders grade it. */
public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }
