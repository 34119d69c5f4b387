/**
 * The graph commit protocol: the commit gate that serializes the table commits and the manifest publish of one
 * graph across threads and processes, the compare-and-swap on expected table versions, and the repair of
 * tables whose HEAD drifted from the manifest.
 */
package dev.quiver.engine.commit;
