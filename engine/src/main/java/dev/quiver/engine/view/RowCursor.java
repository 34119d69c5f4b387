package dev.quiver.engine.view;

/** A forward-only cursor over rows; each row is an array of values in the requested column order. */
public interface RowCursor extends AutoCloseable {

  /** Advances to the next row; false at the end. */
  boolean next();

  /** The current row. Callers must not keep it past the next call to {@link #next()}. */
  Object[] row();

  @Override
  void close();

  /** A cursor over rows already in memory (each row is handed out as a copy). */
  static RowCursor of(java.util.List<Object[]> rows) {
    return new RowCursor() {
      private int position = -1;

      @Override
      public boolean next() {
        if (position + 1 < rows.size()) {
          position++;
          return true;
        }
        position = rows.size();
        return false;
      }

      @Override
      public Object[] row() {
        if (position < 0 || position >= rows.size()) {
          throw new dev.quiver.engine.GraphException(dev.quiver.engine.ErrorCode.INTERNAL, "no current row");
        }
        return rows.get(position).clone();
      }

      @Override
      public void close() {
        position = rows.size();
      }
    };
  }
}
