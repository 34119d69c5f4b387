package dev.quiver.engine.storage;

/**
 * What one filtered scan cost, from Lance's scan statistics: used to show that a filter is answered by an index.
 *
 * @param rows rows the scan returned
 * @param indicesLoaded indexes the scan loaded (0 when it scanned every fragment)
 * @param bytesRead bytes it read
 */
public record ScanCost(long rows, long indicesLoaded, long bytesRead) {}
