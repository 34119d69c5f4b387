/** The schema model: node and edge types, properties, keys, constraints, their Arrow layout and id derivation. */
package dev.quiver.engine.catalog;
