package dev.quiver.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ArrowSchemasTest {

  private static Field field(String name, boolean nullable, ArrowType type) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }

  private static Field field(String name, boolean nullable, ArrowType type, Field child) {
    return new Field(name, new FieldType(nullable, type, null), List.of(child));
  }

  @Test
  void everyPropertyTypeHasItsArrowType() {
    Catalog catalog =
        CatalogBuilder.build(
            "node A { s: String @key  b: Bool?  i: I32  l: I64?  u: U32  v: U64  f: F32  d: F64  day: Date?"
                + "  t: DateTime  blob: Blob?  tags: [String]?  nums: [I64]  e: enum(x, y)?  vec: Vector(3) }");
    Schema schema = ArrowSchemas.schemaOf(catalog.node("A").orElseThrow());
    Field float32Item = Field.nullable("item", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
    assertEquals(
        new Schema(
            List.of(
                Field.notNullable("id", new ArrowType.Utf8()),
                field("s", false, new ArrowType.Utf8()),
                field("b", true, new ArrowType.Bool()),
                field("i", false, new ArrowType.Int(32, true)),
                field("l", true, new ArrowType.Int(64, true)),
                field("u", false, new ArrowType.Int(32, false)),
                field("v", false, new ArrowType.Int(64, false)),
                field("f", false, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                field("d", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                field("day", true, new ArrowType.Date(DateUnit.DAY)),
                field("t", false, new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
                field("blob", true, new ArrowType.LargeBinary()),
                field("tags", true, new ArrowType.List(), Field.nullable("item", new ArrowType.Utf8())),
                field("nums", false, new ArrowType.List(), Field.nullable("item", new ArrowType.Int(64, true))),
                field("e", true, new ArrowType.Utf8()),
                field("vec", false, new ArrowType.FixedSizeList(3), float32Item))),
        schema);
  }

  @Test
  void edgeTablesStartWithIdSrcDst() {
    Catalog catalog = CatalogBuilder.build("node P { n: String @key }\nedge Knows: P -> P { since: Date? }");
    Schema schema = catalog.edge("Knows").orElseThrow().arrowSchema();
    assertEquals(
        List.of("id", "src", "dst", "since"), schema.getFields().stream().map(Field::getName).toList());
    for (String system : List.of("id", "src", "dst")) {
      assertEquals(Field.notNullable(system, new ArrowType.Utf8()), schema.findField(system));
    }
  }
}
