/**
 * The SQL read path: Apache Calcite as a parser, validator, planner and Enumerable runtime (never its JDBC
 * layer). Node and edge types are tables of schema {@code GRAPH} that scan a {@link
 * dev.quiver.engine.view.ReadView}, pushing structured filters and projections into it; {@code QUIVER} holds
 * the system tables. Calcite's exceptions are translated into {@link dev.quiver.engine.GraphException} here and
 * nowhere else.
 */
package dev.quiver.engine.sql;
