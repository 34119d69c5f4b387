/**
 * The graph commit protocol: the commit gate that serializes the table commits and the manifest publish of one
 * graph across threads and processes, the compare-and-swap on expected table versions, the repair of tables
 * whose HEAD drifted from the manifest, and the recovery records that let a read-write open finish or undo a
 * commit interrupted by a crash.
 */
package dev.quiver.engine.commit;
