/**
 * The JDBC driver: {@code QuiverDriver} parses the URL and opens a session of the shared graph store; the
 * connection, statement, result set and metadata classes translate {@code java.sql} calls onto the engine.
 */
package dev.quiver.jdbc;
