package dev.quiver.engine.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value with Jackson's streaming parser into plain Java values: Map (key order kept), List,
 * String, BigInteger or Long, BigDecimal, Boolean, null. Duplicate keys are an error.
 */
final class JsonValues {
  /**
   * Duplicate keys are found by the map the object is read into ({@link #read}), not by Jackson's
   * STRICT_DUPLICATE_DETECTION, which keeps a second set per object (5% of a bulk load). {@link RecordReader}
   * parses with the same factory, so both paths see the same tokens.
   */
  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonValues() {}

  /** Parses a whole line; throws {@link JsonProcessingException} on malformed JSON or trailing content. */
  static Object parse(String line) throws IOException {
    try (JsonParser parser = FACTORY.createParser(line)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonProcessingException("empty input", parser.currentLocation()) {
          private static final long serialVersionUID = 1L;
        };
      }
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new JsonProcessingException("unexpected content after the JSON value", parser.currentLocation()) {
          private static final long serialVersionUID = 1L;
        };
      }
      return value;
    }
  }

  /** Reads the value that starts at {@code token}. */
  static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          Map<String, Object> object = new LinkedHashMap<>();
          for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            String name = parser.currentName();
            Object value = read(parser, parser.nextToken());
            if (object.containsKey(name)) {
              throw new JsonProcessingException("Duplicate field '" + name + "'", parser.currentLocation()) {
                private static final long serialVersionUID = 1L;
              };
            }
            object.put(name, value);
          }
          return Collections.unmodifiableMap(object);
        }
      case START_ARRAY:
        {
          List<Object> array = new ArrayList<>();
          for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            array.add(read(parser, next));
          }
          return Collections.unmodifiableList(array);
        }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getBigIntegerValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonProcessingException("unexpected token " + token, parser.currentLocation()) {
          private static final long serialVersionUID = 1L;
        };
    }
  }
}
