/**
 * Parser internals: the ANTLR error strategy that turns the first error into a readable
 * {@link dev.quiver.grammar.SyntaxError}, the lexical checks, and the parse-tree → AST builder. Not API.
 */
package dev.quiver.grammar.internal;
