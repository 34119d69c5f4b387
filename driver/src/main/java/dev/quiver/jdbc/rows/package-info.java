/** Result sets and their metadata: the read-only, forward-only base every result set shares, and in-memory rows. */
package dev.quiver.jdbc.rows;
