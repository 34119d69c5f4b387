/**
 * Bulk-data upkeep: {@code optimize} (compaction and index builds, published as one graph commit) and {@code
 * cleanup} (removal of old versions and orphaned files), and which columns get indexes. See {@code
 * docs/maintenance.md} and decision 0003.
 */
package dev.quiver.engine.maintenance;
