package dev.quiver.engine.commit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a recovery record: everything a later open needs to finish or undo a graph commit that was
 * interrupted between its first table commit and the removal of the record. Written before the first table
 * commit, after the CAS and the drift repair, so every version in it is final.
 *
 * @param id the record's file name without {@code .json}; ids sort in the order the records were written
 * @param startedAt when the record was written
 * @param actor the actor of the commit
 * @param kind the commit kind ({@code mutation}, {@code load}, {@code schema}, …)
 * @param graphVersion the graph version the commit starts from; its publish makes {@code graphVersion + 1}
 * @param schemaText the schema text the commit publishes, or null to keep the current one
 * @param tables the tables it commits, in commit order
 * @param abandoned the writer failed and told its caller so, but could not roll back: recovery must roll it back,
 *     never forward
 */
record PendingCommit(
    String id,
    Instant startedAt,
    String actor,
    String kind,
    long graphVersion,
    String schemaText,
    List<PlannedTable> tables,
    boolean abandoned) {
  /** The format written; a record with a higher format is refused, not guessed at. */
  static final int FORMAT = 1;

  private static final JsonFactory JSON = new JsonFactory();

  PendingCommit {
    requireNonNull(id, "id is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(kind, "kind is null");
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
  }

  /**
   * One table of the commit.
   *
   * @param table the manifest key
   * @param expected the version the manifest pins (0 for a table the commit creates)
   * @param base the HEAD the table commit goes on top of (above {@code expected} after a drift repair, with the
   *     same content; 0 for a created table)
   * @param planned the version the table commit must land on: {@code base + 1}, or {@code base + 2} for a
   *     compaction that rebuilds indexes (decision 0003)
   * @param created whether the commit creates the table
   */
  record PlannedTable(String table, long expected, long base, long planned, boolean created) {
    PlannedTable {
      requireNonNull(table, "table is null");
      if (planned != base + 1 && planned != base + 2) {
        throw new IllegalArgumentException(
            "table '" + table + "' is planned at " + planned + ", not base + 1 or base + 2");
      }
    }
  }

  /** The same record, marked as one recovery must roll back. */
  PendingCommit markedAbandoned() {
    return new PendingCommit(id, startedAt, actor, kind, graphVersion, schemaText, tables, true);
  }

  /** The manifest keys of the tables, sorted (as commit records list them). */
  List<String> tableKeys() {
    List<String> keys = new ArrayList<>();
    for (PlannedTable table : tables) {
      keys.add(table.table());
    }
    keys.sort(null);
    return List.copyOf(keys);
  }

  byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("format", FORMAT);
      json.writeStringField("id", id);
      json.writeStringField("started_at", startedAt.toString());
      json.writeStringField("actor", actor);
      json.writeStringField("kind", kind);
      json.writeNumberField("graph_version", graphVersion);
      json.writeStringField("schema_text", schemaText);
      json.writeBooleanField("abandoned", abandoned);
      json.writeArrayFieldStart("tables");
      for (PlannedTable table : tables) {
        json.writeStartObject();
        json.writeStringField("table", table.table());
        json.writeNumberField("expected", table.expected());
        json.writeNumberField("base", table.base());
        json.writeNumberField("planned", table.planned());
        json.writeBooleanField("created", table.created());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Parses a record.
   *
   * @throws IllegalArgumentException naming what is wrong when the bytes are not a complete record of a known
   *     format
   */
  static PendingCommit parse(byte[] bytes) {
    try (JsonParser json = JSON.createParser(bytes)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      Long format = null;
      String id = null;
      Instant startedAt = null;
      String actor = null;
      String kind = null;
      Long graphVersion = null;
      String schemaText = null;
      List<PlannedTable> tables = null;
      boolean abandoned = false;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.getCurrentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "format" -> format = number(json, value, field);
          case "id" -> id = text(json, value, field);
          case "started_at" -> startedAt = Instant.parse(text(json, value, field));
          case "actor" -> actor = text(json, value, field);
          case "kind" -> kind = text(json, value, field);
          case "graph_version" -> graphVersion = number(json, value, field);
          case "schema_text" -> schemaText = value == JsonToken.VALUE_NULL ? null : text(json, value, field);
          case "tables" -> tables = parseTables(json, value);
          case "abandoned" -> abandoned = value == JsonToken.VALUE_TRUE;
          default -> json.skipChildren(); // a field from a newer writer of the same format
        }
      }
      expect(json.currentToken(), JsonToken.END_OBJECT, "the end of the object");
      if (json.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the record");
      }
      if (format == null || id == null || startedAt == null || actor == null || kind == null
          || graphVersion == null || tables == null) {
        throw new IllegalArgumentException("a required field is missing");
      }
      if (format > FORMAT) {
        throw new IllegalArgumentException("format " + format + " is newer than the maximum " + FORMAT);
      }
      return new PendingCommit(id, startedAt, actor, kind, graphVersion, schemaText, tables, abandoned);
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static List<PlannedTable> parseTables(JsonParser json, JsonToken value) throws IOException {
    expect(value, JsonToken.START_ARRAY, "an array of tables");
    List<PlannedTable> tables = new ArrayList<>();
    while (json.nextToken() == JsonToken.START_OBJECT) {
      String table = null;
      Long expected = null;
      Long base = null;
      Long planned = null;
      boolean created = false;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.getCurrentName();
        JsonToken token = json.nextToken();
        switch (field) {
          case "table" -> table = text(json, token, field);
          case "expected" -> expected = number(json, token, field);
          case "base" -> base = number(json, token, field);
          case "planned" -> planned = number(json, token, field);
          case "created" -> created = token == JsonToken.VALUE_TRUE;
          default -> json.skipChildren();
        }
      }
      if (table == null || expected == null || base == null || planned == null) {
        throw new IllegalArgumentException("a table entry misses a required field");
      }
      tables.add(new PlannedTable(table, expected, base, planned, created));
    }
    expect(json.currentToken(), JsonToken.END_ARRAY, "the end of the tables");
    return tables;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException("expected " + what + " but found " + actual);
    }
  }

  private static String text(JsonParser json, JsonToken token, String field) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("field '" + field + "' is not a string");
    }
    return json.getText();
  }

  private static long number(JsonParser json, JsonToken token, String field) throws IOException {
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException("field '" + field + "' is not an integer");
    }
    return json.getLongValue();
  }
}
