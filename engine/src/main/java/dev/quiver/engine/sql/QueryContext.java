package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.view.ReadView;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What one execution of a plan sees: the view and store it reads, the bound {@code ?N} parameters (in Calcite's
 * internal representation), the objects the compiled plan stashed, and the clock, fixed once per statement. The
 * session time zone is UTC: TIMESTAMP values are UTC instants (SPEC §6).
 */
final class QueryContext implements DataContext {
  private static final String VIEW = "quiver.view";
  private static final String STORE = "quiver.store";

  private final SchemaPlus rootSchema;
  private final JavaTypeFactory typeFactory;
  private final Map<String, Object> values;

  QueryContext(
      SchemaPlus rootSchema,
      JavaTypeFactory typeFactory,
      ReadView view,
      GraphStore store,
      Map<String, Object> stashed,
      Object[] parameters) {
    this.rootSchema = requireNonNull(rootSchema, "rootSchema is null");
    this.typeFactory = requireNonNull(typeFactory, "typeFactory is null");
    Map<String, Object> all = new HashMap<>(stashed);
    if (view != null) { // null only while warming up, which reads no table
      all.put(VIEW, view);
    }
    if (store != null) {
      all.put(STORE, store);
    }
    for (int i = 0; i < parameters.length; i++) {
      all.put("?" + i, parameters[i]);
    }
    long now = System.currentTimeMillis();
    all.put(Variable.UTC_TIMESTAMP.camelName, now);
    all.put(Variable.CURRENT_TIMESTAMP.camelName, now);
    all.put(Variable.LOCAL_TIMESTAMP.camelName, now);
    all.put(Variable.TIME_ZONE.camelName, TimeZone.getTimeZone("UTC"));
    all.put(Variable.CANCEL_FLAG.camelName, new AtomicBoolean());
    this.values = all;
  }

  static ReadView view(DataContext root) {
    return (ReadView) required(root, VIEW);
  }

  static GraphStore store(DataContext root) {
    return (GraphStore) required(root, STORE);
  }

  private static Object required(DataContext root, String name) {
    Object value = root.get(name);
    if (value == null) {
      throw new GraphException(ErrorCode.INTERNAL, "a Quiver table was scanned outside a Quiver statement");
    }
    return value;
  }

  @Override
  public SchemaPlus getRootSchema() {
    return rootSchema;
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return typeFactory;
  }

  @Override
  public QueryProvider getQueryProvider() {
    throw new UnsupportedOperationException("Quiver plans do not use a query provider");
  }

  @Override
  public Object get(String name) {
    return values.get(name);
  }
}
