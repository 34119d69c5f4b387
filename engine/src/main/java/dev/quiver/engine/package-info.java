/** The engine's public face: {@code GraphStore}, {@code Session}, results and {@code GraphException}. */
package dev.quiver.engine;
