/** Named fault-injection hooks at each step of the commit protocol; one volatile read when nothing is armed. */
package dev.quiver.engine.failpoint;
