package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.grammar.Dialect.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "node Person { name: String @key }|SCHEMA",
    "edge Knows: Person -> Person|SCHEMA",
    "interface Named { name: String }|SCHEMA",
    "  // schema\\n/* c */ node A { }|SCHEMA",
    "insert Person { name: \"Alice\" }|GRAPH",
    "update Person set { age: 1 } where name = \"A\"|GRAPH",
    "update Person set{age: 1} where name = \"A\"|GRAPH",
    "delete Person where name = \"A\"|GRAPH",
    "match { $p: Person } return { $p.name }|GRAPH",
    "query q() { optimize }|GRAPH",
    "load \"x.jsonl\"|GRAPH",
    "optimize|GRAPH",
    "cleanup keep 2|GRAPH",
    "-- sql comment\\ninsert Person { a: 1 }|GRAPH",
    "insert into Person (name) values ('A')|SQL",
    "insert INTO Person values ('A')|SQL",
    "INSERT INTO Person VALUES ('A')|SQL",
    "delete from Person where name = 'A'|SQL",
    "DELETE FROM Person|SQL",
    "update Person set age = 1 where name = 'A'|SQL",
    "UPDATE Person SET age = 1|SQL",
    "update \"Person\" set age = 1|SQL",
    "SELECT * FROM Person|SQL",
    "select 1|SQL",
    "WITH x AS (SELECT 1) SELECT * FROM x|SQL",
    "EXPLAIN PLAN FOR SELECT 1|SQL",
    "VALUES (1)|SQL",
    "MATCH { $p: Person } return { $p }|SQL",
    "Node Person { }|SQL",
    "''|SQL",
    "/* unterminated|SQL",
  })
  void classifiesByTheFirstWords(String text, Kind expected) {
    assertEquals(expected, Dialect.classify(text.replace("\\n", "\n")));
  }
}
