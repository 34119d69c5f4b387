package dev.quiver.engine.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.quiver.engine.catalog.Constraint;
import dev.quiver.engine.catalog.Ids;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.mutation.Constraints;
import dev.quiver.engine.mutation.Values;
import dev.quiver.engine.tx.ArrowRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads a record line token by token straight into its table's Arrow batch: no map per record, no boxed
 * value per column. It takes only what it is sure of — the type or edge name first, known fields once each,
 * values of the property's type, a non-null value for each required property, no trailing content — and
 * declines anything else (returns null, having written nothing), so that the general path ({@link
 * NdjsonLoader}) reads the line again and either takes it or names its error exactly as it always has.
 */
final class RecordReader {
  private final Function<String, TableLoad> nodeTables;
  private final Function<String, TableLoad> edgeTables;
  private byte[] scratch = new byte[64];
  /** The record's {@code data.id}, null when absent or null. */
  private String explicit;
  private String id;
  private String source;
  private String target;

  /**
   * @param nodeTables the table of a node type as records spell its name, null when there is no such type
   * @param edgeTables the same for edge types
   */
  RecordReader(Function<String, TableLoad> nodeTables, Function<String, TableLoad> edgeTables) {
    this.nodeTables = nodeTables;
    this.edgeTables = edgeTables;
  }

  /**
   * Reads one line. Returns the table whose batch now holds the record at {@link TableLoad#row()} (its ids are
   * {@link #id}, {@link #source}, {@link #target}; its values by property {@link Layout#valueOf}), or null when
   * the line is left to the general path.
   */
  TableLoad read(String text) {
    try (JsonParser parser = JsonValues.FACTORY.createParser(text)) {
      return record(parser);
    } catch (IOException | RuntimeException e) {
      return null; // malformed, or a value the general path must judge: it reads the line again
    }
  }

  String id() {
    return id;
  }

  String source() {
    return source;
  }

  String target() {
    return target;
  }

  private TableLoad record(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
      return null;
    }
    boolean node = parser.currentName().equals("type");
    if ((!node && !parser.currentName().equals("edge")) || parser.nextToken() != JsonToken.VALUE_STRING) {
      return null;
    }
    TableLoad table = (node ? nodeTables : edgeTables).apply(parser.getText());
    if (table == null) {
      return null;
    }
    if (table.layout == null) {
      table.layout = new Layout(table.type);
    }
    Layout layout = table.layout;
    layout.stamp++;
    explicit = null;
    String from = null;
    String to = null;
    boolean data = false;
    for (JsonToken field = parser.nextToken(); field != JsonToken.END_OBJECT; field = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("data") && !data) {
        data = true;
        if (value == JsonToken.START_OBJECT ? !data(parser, layout) : value != JsonToken.VALUE_NULL) {
          return null;
        }
      } else if (!node && name.equals("from") && from == null && value == JsonToken.VALUE_STRING) {
        from = parser.getText();
      } else if (!node && name.equals("to") && to == null && value == JsonToken.VALUE_STRING) {
        to = parser.getText();
      } else {
        return null;
      }
    }
    if (parser.nextToken() != null || (!node && (from == null || to == null)) || !layout.complete()) {
      return null;
    }
    String rowId;
    if (node && ((NodeType) table.type).keyed()) {
      rowId = Ids.idOf((NodeType) table.type, layout.valueOf);
      if (explicit != null && !rowId.equals(explicit)) {
        return null;
      }
    } else {
      rowId = explicit == null ? Ids.newId() : explicit;
    }
    FieldVector[] vectors = table.vectors();
    int row = table.row();
    writeString(vectors[0], row, rowId);
    if (!node) {
      writeString(vectors[1], row, from);
      writeString(vectors[2], row, to);
    }
    for (Column column : layout.columns) {
      column.write(vectors[column.vector], row);
    }
    id = rowId;
    source = from;
    target = to;
    return table;
  }

  /** Reads {@code data} into the layout's columns and {@link #explicit}; false to decline the record. */
  private boolean data(JsonParser parser, Layout layout) throws IOException {
    boolean idSeen = false;
    for (JsonToken field = parser.nextToken(); field != JsonToken.END_OBJECT; field = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("id")) {
        if (idSeen || (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL)) {
          return false;
        }
        idSeen = true;
        explicit = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        continue;
      }
      Column column = layout.byName.get(name);
      if (column == null || column.seen == layout.stamp || !column.read(parser, value)) {
        return false;
      }
      column.seen = layout.stamp;
    }
    return true;
  }

  private void writeString(FieldVector vector, int row, String text) {
    int length = text.length();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        ((VarCharVector) vector).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
        return;
      }
      scratch[i] = (byte) c;
    }
    ((VarCharVector) vector).setSafe(row, scratch, 0, length);
  }

  /** How one table's records map onto its batch's vectors, and the values of the record being read. */
  static final class Layout {
    final TableType type;
    final Column[] columns;
    final Map<String, Column> byName = new HashMap<>();
    /** The current record's value of a key or {@code @unique} member, by property name (engine Java values). */
    final Function<String, Object> valueOf;
    long stamp;

    Layout(TableType type) {
      this.type = type;
      Set<String> kept = new HashSet<>();
      if (type instanceof NodeType node) {
        kept.addAll(node.key());
      }
      Set<String> checked = new HashSet<>();
      for (Constraint constraint : type.constraints()) {
        if (constraint instanceof Constraint.Unique unique) {
          kept.addAll(unique.properties());
        } else if (constraint instanceof Constraint.Range range) {
          checked.add(range.property());
        } else if (constraint instanceof Constraint.Check check) {
          checked.add(check.property());
        }
      }
      List<Property> properties = type.properties();
      int system = type.systemColumns().size();
      this.columns = new Column[properties.size()];
      for (int i = 0; i < columns.length; i++) {
        Property property = properties.get(i);
        columns[i] = new Column(type, property, system + i, kept.contains(property.name()), checked.contains(property.name()));
        byName.put(property.name(), columns[i]);
      }
      this.valueOf = name -> {
        Column column = byName.get(name);
        return column == null ? null : column.value;
      };
    }

    /** Gives the columns the record did not name a null; false if one of them is required. */
    boolean complete() {
      for (Column column : columns) {
        if (column.seen != stamp) {
          if (!column.property.nullable()) {
            return false;
          }
          column.isNull = true;
          column.value = null;
        }
      }
      return true;
    }
  }

  /** How a column's JSON value becomes its Arrow value. */
  private enum Kind {
    /** A String without {@code @check}: the JSON string's UTF-8 bytes. */
    STRING,
    /** An I32 without {@code @range}: a JSON integer in range. */
    I32,
    /** An I64 without {@code @range}: a JSON integer in range. */
    I64,
    /** Anything else: the general conversion ({@link Values#coerce}, then the value constraints). */
    GENERAL
  }

  /** One property column, and its value in the record being read. */
  static final class Column {
    final TableType type;
    final Property property;
    final int vector;
    final Kind kind;
    /** Whether the record's Java value is needed (a key or {@code @unique} member, or a general column). */
    final boolean kept;
    final String where;
    long seen = -1;
    boolean isNull;
    Object value;
    long number;
    byte[] bytes = new byte[32];
    int length;

    Column(TableType type, Property property, int vector, boolean kept, boolean checked) {
      this.type = type;
      this.property = property;
      this.vector = vector;
      this.kind = checked ? Kind.GENERAL : kindOf(property.type());
      this.kept = kept || kind == Kind.GENERAL;
      this.where = "property '" + property.name() + "' of '" + type.name() + "'";
    }

    private static Kind kindOf(PropertyType type) {
      if (!(type instanceof PropertyType.Scalar scalar)) {
        return Kind.GENERAL;
      }
      return scalar.kind() == ScalarKind.STRING
          ? Kind.STRING
          : scalar.kind() == ScalarKind.I32 ? Kind.I32 : scalar.kind() == ScalarKind.I64 ? Kind.I64 : Kind.GENERAL;
    }

    /** Takes the value at the parser's current token; false to decline the record. */
    boolean read(JsonParser parser, JsonToken token) throws IOException {
      value = null;
      if (token == JsonToken.VALUE_NULL) {
        isNull = true;
        return property.nullable();
      }
      isNull = false;
      switch (kind) {
        case STRING:
          if (token != JsonToken.VALUE_STRING) {
            return false;
          }
          utf8(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
          if (kept) {
            value = parser.getText();
          }
          return true;
        case I32:
          if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            return false;
          }
          number = parser.getIntValue();
          if (kept) {
            value = (int) number;
          }
          return true;
        case I64:
          if (token != JsonToken.VALUE_NUMBER_INT
              || (parser.getNumberType() != JsonParser.NumberType.INT && parser.getNumberType() != JsonParser.NumberType.LONG)) {
            return false;
          }
          number = parser.getLongValue();
          if (kept) {
            value = number;
          }
          return true;
        case GENERAL:
          if (token == JsonToken.START_OBJECT) {
            return false;
          }
          value = Values.coerce(property, NdjsonLoader.jsonToRaw(property, JsonValues.read(parser, token)), where);
          Constraints.checkValue(type, property, value);
          return true;
      }
      throw new AssertionError(kind);
    }

    private void utf8(char[] chars, int offset, int count) {
      if (bytes.length < count) {
        bytes = new byte[Math.max(count, bytes.length * 2)];
      }
      for (int i = 0; i < count; i++) {
        char c = chars[offset + i];
        if (c >= 0x80) {
          bytes = new String(chars, offset, count).getBytes(StandardCharsets.UTF_8);
          length = bytes.length;
          return;
        }
        bytes[i] = (byte) c;
      }
      length = count;
    }

    void write(FieldVector target, int row) {
      if (isNull) {
        ArrowRows.set(target, row, null);
        return;
      }
      switch (kind) {
        case STRING:
          ((VarCharVector) target).setSafe(row, bytes, 0, length);
          break;
        case I32:
          ((IntVector) target).setSafe(row, (int) number);
          break;
        case I64:
          ((BigIntVector) target).setSafe(row, number);
          break;
        case GENERAL:
          ArrowRows.set(target, row, value);
          break;
      }
    }
  }
}
