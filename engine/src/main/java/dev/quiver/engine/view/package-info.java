/**
 * How a reader sees tables: {@link dev.quiver.engine.view.ReadView} yields the rows of a table as one transaction
 * sees them (committed at its pinned snapshot, overlaid with its own pending writes). SQL reads, {@code .gq}
 * reads and mutation predicates all scan through it, so they share one filter semantics.
 */
package dev.quiver.engine.view;
