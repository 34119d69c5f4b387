package dev.quiver.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.testing.TableRows;
import dev.quiver.engine.view.CommittedView;
import dev.quiver.grammar.ast.LoadMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reader loads what the general (map) path loads: random records of every property type
 * round-trip to the values they were written from on both paths, and mutated records fail with the same
 * error (code, message, line) on both.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RecordReaderIT {
  private static final String SCHEMA =
      """
      node Thing {
        name: String @key
        flag: Bool?  small: I32?  big: I64?  u32: U32?  u64: U64?  f32: F32?  f64: F64?
        born: Date?  seen: DateTime?  payload: Blob?  tags: [String]?  scores: [I32]?  vec: Vector(3)?
        mood: enum(happy, sad)?  note: String?  count: I32  level: I32?  code: String?
        @range(level, 0..100)
        @check(code, "^[a-z]+$")
      }
      node Tag { label: String? @unique  rank: I64 }
      edge Link: Thing -> Thing { weight: I64?  text: String? }
      edge Tagged: Thing -> Tag @card(0..3) { at: Date? }
      """;
  private static final List<String> TABLES = List.of("node:Thing", "node:Tag", "edge:Link", "edge:Tagged");

  @TempDir Path directory;

  @Test
  void randomRecordsOfEveryTypeLoadAsWrittenOnBothPaths() throws IOException {
    Random random = new Random(0x10ADL);
    Records records = new Records(random);
    int things = NdjsonLoader.BATCH_ROWS + 700; // more than one batch
    for (int i = 0; i < things; i++) {
      records.thing("t" + i + records.suffix());
    }
    for (int i = 0; i < 400; i++) {
      records.tag("g" + i);
    }
    for (int i = 0; i < 3000; i++) {
      records.link("l" + i, records.anyThing(), records.anyThing());
    }
    for (int i = 0; i < 1500; i++) {
      for (int n = random.nextInt(4); n > 0; n--) {
        records.tagged("x" + i + "-" + n, records.thingNames.get(i), "g" + random.nextInt(400));
      }
    }
    Path file = directory.resolve("records.ndjson");
    Files.write(file, records.lines, StandardCharsets.UTF_8);
    for (boolean streaming : List.of(true, false)) {
      try (GraphStore store = graph(streaming ? "streamed" : "general")) {
        long loaded = NdjsonLoader.load(store, file, LoadMode.APPEND, "test", Durability.PROCESS, NdjsonLoader.Progress.NONE, streaming).total();
        assertEquals(records.lines.size(), loaded);
        for (String table : TABLES) {
          assertEquals(records.expected.get(table), normalized(rows(store, table)), table + (streaming ? " streamed" : " general"));
        }
      }
    }
  }

  @Test
  void mutatedRecordsFailAlikeOnBothPaths() throws IOException {
    Random random = new Random(0xBADL);
    List<String> prefix = new ArrayList<>();
    Records base = new Records(random);
    for (int i = 0; i < 3; i++) {
      base.thing("b" + i);
    }
    base.tag("g0");
    prefix.addAll(base.lines);
    prefix.add(1, "");
    String failing = "{\"type\":\"NoSuchType\",\"data\":{}}";
    int lineOfVariant = prefix.size() + 1;
    try (GraphStore streamed = graph("streamed");
        GraphStore general = graph("general")) {
      int differentErrors = 0;
      for (int k = 0; k < 1500; k++) {
        Records one = new Records(random);
        switch (random.nextInt(4)) {
          case 0, 1 -> one.thing(random.nextInt(10) == 0 ? "b1" : "v" + k);
          case 2 -> one.tag(random.nextInt(10) == 0 ? "g0" : "h" + k);
          default -> {
            if (random.nextBoolean()) {
              one.link("l" + k, "b" + random.nextInt(3), "b" + random.nextInt(4));
            } else {
              one.tagged("x" + k, "b0", "g0");
            }
          }
        }
        String variant = Mutations.mutate(one.lines.get(0), random);
        List<String> lines = new ArrayList<>(prefix);
        lines.add(variant);
        lines.add(failing);
        Path file = directory.resolve("variant-" + k + ".ndjson");
        Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8)); // a cut surrogate pair becomes '?'
        RuntimeException onStream = assertThrows(RuntimeException.class, () -> load(streamed, file, true), variant);
        RuntimeException onGeneral = assertThrows(RuntimeException.class, () -> load(general, file, false), variant);
        assertEquals(describe(onGeneral), describe(onStream), variant);
        if (!(onGeneral instanceof GraphException error) || error.line() == lineOfVariant) {
          differentErrors++;
        }
        Files.delete(file);
      }
      assertTrue(differentErrors > 500, "most variants are bad lines: " + differentErrors);
      assertEquals(1, streamed.snapshot().graphVersion(), "nothing was loaded");
    }
  }

  /**
   * An error as a user sees it. Not only GraphException: a Date past the int range of epoch days passes the
   * value check and then fails writing the Arrow vector, with an ArithmeticException, on either path.
   */
  private static String describe(RuntimeException e) {
    return e instanceof GraphException error
        ? error.code() + " at line " + error.line() + ": " + error.getMessage()
        : e.getClass().getName() + ": " + e.getMessage();
  }

  @Test
  void theReaderTakesTheUsualFormsAndLeavesTheRestToTheGeneralPath() {
    try (GraphStore store = graph("reader");
        BatchStaging staging = new BatchStaging()) {
      Catalog catalog = store.snapshot().catalog();
      Map<String, TableLoad> tables = new HashMap<>();
      Function<TableType, TableLoad> open =
          type -> tables.computeIfAbsent(
              type.tableKey(),
              key -> new TableLoad(
                  type,
                  store.tableStore().openSink(key, store.snapshot().tableVersion(key)),
                  staging,
                  store.tableStore().allocator(),
                  catalog,
                  tables::get));
      RecordReader reader =
          new RecordReader(
              name -> catalog.node(name).map(open).orElse(null), name -> catalog.edgeIgnoreCase(name).map(open).orElse(null));
      try {
        for (String taken :
            List.of(
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1}}",
                " { \"type\" : \"Thing\" , \"data\" : { \"count\" : -7 , \"name\" : \"\\u00e9\\\"\u4e16\" , \"id\" : null } } ",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"b\",\"id\":\"b\",\"count\":2147483647,\"big\":-9223372036854775808,"
                    + "\"u64\":18446744073709551615,\"f32\":1.5,\"f64\":1e-300,\"born\":\"2020-02-29\",\"seen\":0,"
                    + "\"payload\":\"base64:AAE=\",\"tags\":[\"x\",null],\"vec\":[1,2.5,3],\"mood\":\"sad\",\"level\":100,"
                    + "\"code\":\"ok\",\"flag\":false,\"note\":null}}",
                "{\"type\":\"Tag\",\"data\":{\"id\":\"g1\",\"rank\":1}}",
                "{\"type\":\"Tag\",\"data\":{\"rank\":1}}",
                "{\"edge\":\"Link\",\"data\":{\"weight\":3},\"to\":\"a\",\"from\":\"b\"}",
                "{\"edge\":\"link\",\"from\":\"a\",\"to\":\"b\"}",
                "{\"edge\":\"Tagged\",\"from\":\"a\",\"to\":\"g1\",\"data\":null}")) {
          assertNotNull(reader.read(taken), taken);
        }
        for (String declined :
            List.of(
                "{\"data\":{\"name\":\"a\",\"count\":1},\"type\":\"Thing\"}", // data before type: right, but general
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1.0}}", // an integral decimal: right, but general
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\"}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":null}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":2147483648}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":\"1\"}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":1,\"count\":1}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"count\":1}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"nope\":1}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"id\":\"b\"}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"level\":101}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"code\":\"A\"}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"mood\":\"angry\"}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1,\"vec\":[1]}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1}} x",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1}}{}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1}",
                "{\"type\":\"Thing\",\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1}}",
                "{\"type\":\"Thing\",\"data\":{\"name\":\"a\",\"count\":1},\"data\":{}}",
                "{\"type\":\"Thing\",\"from\":\"a\",\"data\":{\"name\":\"a\",\"count\":1}}",
                "{\"type\":\"Nope\",\"data\":{}}",
                "{\"type\":null,\"data\":{}}",
                "[{\"type\":\"Thing\"}]",
                "{\"edge\":\"Link\",\"from\":\"a\"}",
                "{\"edge\":\"Link\",\"from\":\"a\",\"to\":1}",
                "{\"edge\":\"Link\",\"from\":\"a\",\"to\":\"b\",\"data\":{\"id\":7}}",
                "{\"edge\":\"Link\",\"from\":\"a\",\"to\":\"b\",\"data\":[]}")) {
          assertNull(reader.read(declined), declined);
        }
      } finally {
        tables.values().forEach(TableLoad::close);
      }
    }
  }

  private static void load(GraphStore store, Path file, boolean streaming) {
    NdjsonLoader.load(store, file, LoadMode.APPEND, "test", Durability.PROCESS, NdjsonLoader.Progress.NONE, streaming);
  }

  private GraphStore graph(String name) {
    return GraphStore.open(OpenOptions.at(directory.resolve(name).toString()).withCreate(true).withSchema(SCHEMA));
  }

  /** id → column → value of a table; arrays as lists so that rows compare by value. */
  private static Map<String, Map<String, Object>> rows(GraphStore store, String tableKey) {
    return TableRows.byId(CommittedView.latest(store), tableKey);
  }


  private static Map<String, Map<String, Object>> normalized(Map<String, Map<String, Object>> rows) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    rows.forEach((id, row) -> {
      Map<String, Object> values = new TreeMap<>();
      row.forEach((column, value) -> values.put(column, comparable(value)));
      out.put(id, values);
    });
    return out;
  }

  private static Object comparable(Object value) {
    if (value instanceof byte[] bytes) {
      return "bytes " + Arrays.toString(bytes);
    }
    if (value instanceof float[] floats) {
      return "floats " + Arrays.toString(floats);
    }
    return value;
  }

  /** Random records with the rows they must load as (expected values in the engine's Java convention). */
  private static final class Records {
    final Random random;
    final List<String> lines = new ArrayList<>();
    final List<String> thingNames = new ArrayList<>();
    final Map<String, Map<String, Map<String, Object>>> expected = new LinkedHashMap<>();

    Records(Random random) {
      this.random = random;
      TABLES.forEach(table -> expected.put(table, new TreeMap<>()));
    }

    String suffix() {
      return switch (random.nextInt(12)) {
        case 0 -> "\u00e9";
        case 1 -> "\"q\\";
        case 2 -> "\ud83d\ude00";
        case 3 -> " \u4e16\t";
        default -> "";
      };
    }

    String anyThing() {
      return thingNames.get(random.nextInt(thingNames.size()));
    }

    void thing(String name) {
      thingNames.add(name);
      Map<String, Object> row = new TreeMap<>();
      List<String> data = new ArrayList<>();
      data.add(field("name", Json.string(name, random)));
      row.put("name", name);
      optional(data, row, "flag", () -> random.nextBoolean());
      optional(data, row, "small", () -> random.nextInt());
      optional(data, row, "big", () -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1000));
      optional(data, row, "u32", () -> random.nextLong() & 0xFFFF_FFFFL);
      optional(data, row, "u64", () -> new BigInteger(64, random));
      optional(data, row, "f32", () -> (random.nextInt(20_001) - 10_000) / 8f);
      optional(data, row, "f64", () -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
      optional(data, row, "born", () -> LocalDate.ofEpochDay(random.nextInt(40_000) - 5_000));
      optional(data, row, "seen", () -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L));
      optional(data, row, "payload", () -> randomBytes());
      optional(data, row, "tags", () -> list(() -> random.nextInt(5) == 0 ? null : "tag" + suffix()));
      optional(data, row, "scores", () -> list(() -> random.nextInt(5) == 0 ? null : random.nextInt()));
      optional(data, row, "vec", () -> new float[] {random.nextInt(9) / 4f, -random.nextInt(9), random.nextInt(99) / 16f});
      optional(data, row, "mood", () -> random.nextBoolean() ? "happy" : "sad");
      optional(data, row, "note", () -> "n" + suffix() + random.nextInt() + suffix());
      int count = random.nextInt();
      data.add(field("count", Json.value(count, random)));
      row.put("count", count);
      optional(data, row, "level", () -> random.nextInt(101));
      optional(data, row, "code", () -> "abc".substring(random.nextInt(3)) + "xyz");
      switch (random.nextInt(20)) {
        case 0 -> data.add(field("id", Json.string(name, random)));
        case 1 -> data.add(field("id", "null"));
        default -> {}
      }
      row.put("id", name);
      record("type", "Thing", data, List.of());
      expected.get("node:Thing").put(name, row);
    }

    void tag(String id) {
      Map<String, Object> row = new TreeMap<>();
      List<String> data = new ArrayList<>();
      data.add(field("id", Json.string(id, random)));
      row.put("id", id);
      optional(data, row, "label", () -> "label-" + id);
      long rank = random.nextLong();
      data.add(field("rank", Json.value(rank, random)));
      row.put("rank", rank);
      record("type", "Tag", data, List.of());
      expected.get("node:Tag").put(id, row);
    }

    void link(String id, String from, String to) {
      Map<String, Object> row = edge(id, from, to);
      List<String> data = new ArrayList<>();
      data.add(field("id", Json.string(id, random)));
      optional(data, row, "weight", () -> random.nextLong());
      optional(data, row, "text", () -> "w" + suffix());
      record("edge", random.nextInt(10) == 0 ? "link" : "Link", data, envelopeEnds(from, to));
      expected.get("edge:Link").put(id, row);
    }

    void tagged(String id, String from, String to) {
      Map<String, Object> row = edge(id, from, to);
      List<String> data = new ArrayList<>();
      data.add(field("id", Json.string(id, random)));
      optional(data, row, "at", () -> LocalDate.ofEpochDay(random.nextInt(30_000)));
      record("edge", "Tagged", data, envelopeEnds(from, to));
      expected.get("edge:Tagged").put(id, row);
    }

    private Map<String, Object> edge(String id, String from, String to) {
      Map<String, Object> row = new TreeMap<>();
      row.put("id", id);
      row.put("src", from);
      row.put("dst", to);
      return row;
    }

    private List<String> envelopeEnds(String from, String to) {
      return List.of(field("from", Json.string(from, random)), field("to", Json.string(to, random)));
    }

    /** Adds a property: missing (NULL), JSON null, or a value, as the random draw says. */
    private void optional(List<String> data, Map<String, Object> row, String name, Supplier<Object> value) {
      int draw = random.nextInt(10);
      if (draw < 2) {
        row.put(name, null);
        return;
      }
      if (draw < 3) {
        data.add(field(name, "null"));
        row.put(name, null);
        return;
      }
      Object v = value.get();
      data.add(field(name, Json.value(v, random)));
      row.put(name, comparable(v instanceof Instant instant ? instant : v));
    }

    private byte[] randomBytes() {
      byte[] bytes = new byte[random.nextInt(6)];
      random.nextBytes(bytes);
      return bytes;
    }

    private List<Object> list(Supplier<Object> element) {
      List<Object> out = new ArrayList<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        out.add(element.get());
      }
      return Collections.unmodifiableList(out);
    }

    /** One line: usually the type first (the streaming reader's form), sometimes data first (the general path's). */
    private void record(String kind, String typeName, List<String> data, List<String> ends) {
      Collections.shuffle(data, random);
      String separator = random.nextInt(10) == 0 ? " , " : ",";
      List<String> envelope = new ArrayList<>();
      envelope.add(field(kind, Json.string(typeName, random)));
      envelope.addAll(ends);
      if (!data.isEmpty() || random.nextBoolean()) {
        envelope.add(field("data", "{" + String.join(separator, data) + "}"));
      }
      if (random.nextInt(20) == 0) {
        Collections.reverse(envelope);
      } else {
        Collections.shuffle(envelope.subList(1, envelope.size()), random);
      }
      lines.add((random.nextInt(20) == 0 ? "  " : "") + "{" + String.join(separator, envelope) + "}");
    }

    private String field(String name, String json) {
      return "\"" + name + "\"" + (random.nextInt(10) == 0 ? " : " : ":") + json;
    }
  }

  /** JSON text for the engine's Java values, in the forms the load format accepts, picked at random. */
  private static final class Json {
    static String value(Object value, Random random) {
      if (value instanceof String text) {
        return string(text, random);
      }
      if (value instanceof Integer number && random.nextInt(20) == 0) {
        return number + ".0"; // an integer property accepts an integral decimal
      }
      if (value instanceof Float number) {
        return number == Math.rint(number) && random.nextBoolean()
            ? Long.toString(number.longValue())
            : new BigDecimal(number.doubleValue()).toPlainString();
      }
      if (value instanceof Double number) {
        return Double.toString(number);
      }
      if (value instanceof LocalDate date) {
        return random.nextBoolean() ? Long.toString(date.toEpochDay()) : "\"" + date + "\"";
      }
      if (value instanceof Instant instant) {
        return switch (random.nextInt(3)) {
          case 0 -> Long.toString(instant.toEpochMilli());
          case 1 -> "\"" + instant + "\"";
          default -> "\"" + instant.atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12)) + "\"";
        };
      }
      if (value instanceof byte[] bytes) {
        return "\"base64:" + Base64.getEncoder().encodeToString(bytes) + "\"";
      }
      if (value instanceof float[] floats) {
        List<String> elements = new ArrayList<>();
        for (float f : floats) {
          elements.add(value(f, random));
        }
        return "[" + String.join(",", elements) + "]";
      }
      if (value instanceof List<?> list) {
        List<String> elements = new ArrayList<>();
        for (Object element : list) {
          elements.add(element == null ? "null" : value(element, random));
        }
        return "[" + String.join(",", elements) + "]";
      }
      return String.valueOf(value); // Boolean, Integer, Long, BigInteger
    }

    static String string(String text, Random random) {
      StringBuilder json = new StringBuilder("\"");
      boolean escape = random.nextBoolean(); // non-ASCII characters escaped (a surrogate pair as two escapes) or not
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"' || c == '\\') {
          json.append('\\').append(c);
        } else if (c < 0x20 || (c > 0x7E && escape)) {
          json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          json.append(c);
        }
      }
      return json.append('"').toString();
    }
  }

  /** Ways a record line goes wrong (or stays right in an unusual form). */
  private static final class Mutations {
    private static final List<String> VALUES =
        List.of(
            "null", "true", "false", "0", "-0", "1", "-1", "101", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "18446744073709551616", "-5", "1.5", "2.0", "1e2", "1E400",
            "-0.0", "3.4028236e38", "\"\"", "\"x\"", "\"ABC\"", "\"abc\"", "\"happy\"", "\"angry\"", "\"2020-02-30\"",
            "\"2020-01-01\"", "\"2020-01-01T10:00:00\"", "\"base64:@@\"", "\"base64:AAE=\"", "[]", "[1,2,3]",
            "[1,\"a\"]", "[null]", "[[1]]", "[1,2,3,4]", "{}", "{\"a\":1,\"a\":2}", "\"\\u00e9\"", "\"\\ud800\"");
    private static final List<String> NAMES =
        List.of(
            "name", "flag", "small", "big", "u32", "u64", "f32", "f64", "born", "seen", "payload", "tags", "scores",
            "vec", "mood", "note", "count", "level", "code", "label", "rank", "weight", "text", "at", "id", "nope",
            "type", "edge", "from", "to", "data");

    static String mutate(String line, Random random) {
      return switch (random.nextInt(8)) {
        case 0 -> replaceValue(line, random);
        case 1 -> insertField(line, random, "\"data\":{");
        case 2 -> insertField(line, random, "{");
        case 3 -> line.substring(0, random.nextInt(line.length())); // cut short
        case 4 -> {
          int at = random.nextInt(line.length());
          yield line.substring(0, at) + line.substring(at + 1);
        }
        case 5 -> {
          int at = random.nextInt(line.length() + 1);
          yield line.substring(0, at) + "{}[]\":,01a \\".charAt(random.nextInt(12)) + line.substring(at);
        }
        case 6 -> List.of(line + " x", line + "{}", "[" + line + "]", "\ufeff" + line, "null", "1", line.replace("\"data\"", "\"Data\""),
                line.replace(":{", ":[").replace("}}", "]]"), line.replaceFirst("\"(type|edge)\":\"[A-Za-z]+\"", "$0,$0"),
                line.replace("\"type\"", "\"edge\""), line.replace("\"edge\"", "\"type\""))
            .get(random.nextInt(11));
        default -> replaceValue(replaceValue(line, random), random);
      };
    }

    /** Replaces the value of one field (the first occurrence of a random name) with another. */
    private static String replaceValue(String line, Random random) {
      String name = NAMES.get(random.nextInt(NAMES.size()));
      int at = line.indexOf("\"" + name + "\"");
      if (at < 0) {
        return insertField(line, random, "\"data\":{");
      }
      int colon = line.indexOf(':', at + name.length() + 2);
      int end = valueEnd(line, colon + 1);
      return line.substring(0, colon + 1) + VALUES.get(random.nextInt(VALUES.size())) + line.substring(end);
    }

    /** Adds a field with a random name and value right after {@code anchor}. */
    private static String insertField(String line, Random random, String anchor) {
      int at = line.indexOf(anchor);
      if (at < 0) {
        return line;
      }
      at += anchor.length();
      String field =
          "\"" + NAMES.get(random.nextInt(NAMES.size())) + "\":" + VALUES.get(random.nextInt(VALUES.size()));
      boolean empty = at < line.length() && line.charAt(at) == '}';
      return line.substring(0, at) + field + (empty ? "" : ",") + line.substring(at);
    }

    /** Where the JSON value starting at {@code from} ends (good enough for the lines these tests write). */
    private static int valueEnd(String line, int from) {
      int depth = 0;
      boolean inString = false;
      for (int i = from; i < line.length(); i++) {
        char c = line.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
            if (depth == 0) {
              return i + 1;
            }
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (depth == 0) {
            return i;
          }
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        } else if (c == ',' && depth == 0) {
          return i;
        }
      }
      return line.length();
    }
  }
}
