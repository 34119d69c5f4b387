/** Shared test fixtures: row builders and graph builders for engine and driver tests. */
package dev.quiver.engine.testing;
