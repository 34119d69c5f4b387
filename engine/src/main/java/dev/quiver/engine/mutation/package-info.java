/** Mutation execution: binding {@code .gq} statements to the catalog, typing values, constraints, cascade and counts. */
package dev.quiver.engine.mutation;
