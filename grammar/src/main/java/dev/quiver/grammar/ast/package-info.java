/**
 * The immutable AST of the {@code .gq} dialect: sealed interfaces and records, each node carrying the
 * {@link dev.quiver.grammar.ast.SourceSpan} where it starts. Names are the ones users see in the docs;
 * nothing here knows a catalog, so type and property names are plain strings.
 */
package dev.quiver.grammar.ast;
