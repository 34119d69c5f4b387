/**
 * The immutable AST of the {@code .pg} schema language, as {@link dev.quiver.grammar.SchemaParser} yields it.
 * It records what was written, with positions; whether a schema is valid is the engine's catalog builder's call.
 */
package dev.quiver.grammar.schema;
