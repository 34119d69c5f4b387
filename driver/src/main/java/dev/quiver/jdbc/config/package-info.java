/** The JDBC URL and connection properties: parsing, validation, defaults and their descriptions for tools. */
package dev.quiver.jdbc.config;
