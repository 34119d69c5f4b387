/** Translation of engine errors into {@code SQLException}s: one SQLState per error code, one subclass per SQLState class. */
package dev.quiver.jdbc.errors;
