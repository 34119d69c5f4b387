/**
 * The only code that talks to Lance. {@link dev.quiver.engine.storage.TableStore} reads tables at pinned versions
 * and stages writes that never move a table's HEAD; {@code LanceWrites} is the one class that calls Lance's
 * durable APIs (guarded by an architecture test); {@link dev.quiver.engine.storage.ManifestStore} reads and
 * publishes the graph manifest.
 */
package dev.quiver.engine.storage;
