/** The {@code .pg} and {@code .gq} languages: parsers that turn text into immutable ASTs or a {@link dev.quiver.grammar.SyntaxError}. */
package dev.quiver.grammar;
