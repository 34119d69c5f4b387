/** The interactive shell: sqlline on a Quiver connection, with the demo graph as the default. */
package dev.quiver.jdbc.shell;
