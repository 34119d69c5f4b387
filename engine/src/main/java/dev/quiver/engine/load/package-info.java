/** Bulk load: NDJSON files validated whole and landed as one graph commit. */
package dev.quiver.engine.load;
