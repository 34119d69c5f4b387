/**
 * Transactions: the snapshot pinned at the first statement, pending writes per table (the newest write of an
 * id wins), the read view that overlays them on committed rows, and the commit that stages each table and
 * publishes one graph version.
 */
package dev.quiver.engine.tx;
