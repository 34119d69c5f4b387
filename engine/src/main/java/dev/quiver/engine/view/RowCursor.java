package dev.quiver.engine.view;

/** A forward-only cursor over rows; each row is an array of values in the requested column order. */
public interface RowCursor extends AutoCloseable {

  /** Advances to the next row; false at the end. */
  boolean next();

  /** The current row. Callers must not keep it past the next call to {@link #next()}. */
  Object[] row();

  @Override
  void close();
}
