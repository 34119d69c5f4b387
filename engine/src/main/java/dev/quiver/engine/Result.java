package dev.quiver.engine;

/** What executing a statement text returns: update counts, or rows. */
public sealed interface Result permits UpdateResult, QueryResult {}
