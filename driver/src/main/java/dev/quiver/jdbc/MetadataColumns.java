package dev.quiver.jdbc;

import dev.quiver.jdbc.rows.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of every {@code DatabaseMetaData} result set, named and typed as the {@code java.sql} Javadoc
 * prescribes. Tools read these by name, so a result set we cannot fill yet is still returned empty with its
 * full set of columns.
 */
final class MetadataColumns {
  private MetadataColumns() {}

  static final List<Column> TABLES =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "TABLE_TYPE", "REMARKS?", "TYPE_CAT?", "TYPE_SCHEM?", "TYPE_NAME?",
          "SELF_REFERENCING_COL_NAME?", "REF_GENERATION?");

  static final List<Column> COLUMNS =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int?",
          "BUFFER_LENGTH:int?", "DECIMAL_DIGITS:int?", "NUM_PREC_RADIX:int?", "NULLABLE:int", "REMARKS?", "COLUMN_DEF?",
          "SQL_DATA_TYPE:int?", "SQL_DATETIME_SUB:int?", "CHAR_OCTET_LENGTH:int?", "ORDINAL_POSITION:int", "IS_NULLABLE",
          "SCOPE_CATALOG?", "SCOPE_SCHEMA?", "SCOPE_TABLE?", "SOURCE_DATA_TYPE:short?", "IS_AUTOINCREMENT",
          "IS_GENERATEDCOLUMN");

  static final List<Column> PRIMARY_KEYS =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ:short", "PK_NAME?");

  /** getImportedKeys, getExportedKeys and getCrossReference share these. */
  static final List<Column> KEYS =
      of("PKTABLE_CAT?", "PKTABLE_SCHEM?", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT?", "FKTABLE_SCHEM?",
          "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ:short", "UPDATE_RULE:short", "DELETE_RULE:short", "FK_NAME?",
          "PK_NAME?", "DEFERRABILITY:short");

  static final List<Column> SCHEMAS = of("TABLE_SCHEM", "TABLE_CATALOG?");

  static final List<Column> CATALOGS = of("TABLE_CAT");

  static final List<Column> TABLE_TYPES = of("TABLE_TYPE");

  static final List<Column> TYPE_INFO =
      of("TYPE_NAME", "DATA_TYPE:int", "PRECISION:int?", "LITERAL_PREFIX?", "LITERAL_SUFFIX?", "CREATE_PARAMS?",
          "NULLABLE:short", "CASE_SENSITIVE:boolean", "SEARCHABLE:short", "UNSIGNED_ATTRIBUTE:boolean",
          "FIXED_PREC_SCALE:boolean", "AUTO_INCREMENT:boolean", "LOCAL_TYPE_NAME?", "MINIMUM_SCALE:short?",
          "MAXIMUM_SCALE:short?", "SQL_DATA_TYPE:int?", "SQL_DATETIME_SUB:int?", "NUM_PREC_RADIX:int?");

  static final List<Column> INDEX_INFO =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "NON_UNIQUE:boolean", "INDEX_QUALIFIER?", "INDEX_NAME?",
          "TYPE:short", "ORDINAL_POSITION:short", "COLUMN_NAME?", "ASC_OR_DESC?", "CARDINALITY:bigint?",
          "PAGES:bigint?", "FILTER_CONDITION?");

  static final List<Column> PROCEDURES =
      of("PROCEDURE_CAT?", "PROCEDURE_SCHEM?", "PROCEDURE_NAME", "RESERVED1?", "RESERVED2?", "RESERVED3?", "REMARKS?",
          "PROCEDURE_TYPE:short", "SPECIFIC_NAME");

  static final List<Column> PROCEDURE_COLUMNS =
      of("PROCEDURE_CAT?", "PROCEDURE_SCHEM?", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE:short", "DATA_TYPE:int",
          "TYPE_NAME", "PRECISION:int?", "LENGTH:int?", "SCALE:short?", "RADIX:short?", "NULLABLE:short", "REMARKS?",
          "COLUMN_DEF?", "SQL_DATA_TYPE:int?", "SQL_DATETIME_SUB:int?", "CHAR_OCTET_LENGTH:int?", "ORDINAL_POSITION:int",
          "IS_NULLABLE", "SPECIFIC_NAME");

  static final List<Column> FUNCTIONS =
      of("FUNCTION_CAT?", "FUNCTION_SCHEM?", "FUNCTION_NAME", "REMARKS?", "FUNCTION_TYPE:short", "SPECIFIC_NAME");

  static final List<Column> FUNCTION_COLUMNS =
      of("FUNCTION_CAT?", "FUNCTION_SCHEM?", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE:short", "DATA_TYPE:int",
          "TYPE_NAME", "PRECISION:int?", "LENGTH:int?", "SCALE:short?", "RADIX:short?", "NULLABLE:short", "REMARKS?",
          "CHAR_OCTET_LENGTH:int?", "ORDINAL_POSITION:int", "IS_NULLABLE", "SPECIFIC_NAME");

  static final List<Column> COLUMN_PRIVILEGES =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "COLUMN_NAME", "GRANTOR?", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE?");

  static final List<Column> TABLE_PRIVILEGES =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "GRANTOR?", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE?");

  static final List<Column> BEST_ROW_IDENTIFIER =
      of("SCOPE:short", "COLUMN_NAME", "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int?", "BUFFER_LENGTH:int?",
          "DECIMAL_DIGITS:short?", "PSEUDO_COLUMN:short");

  static final List<Column> VERSION_COLUMNS =
      of("SCOPE:short?", "COLUMN_NAME", "DATA_TYPE:int", "TYPE_NAME", "COLUMN_SIZE:int?", "BUFFER_LENGTH:int?",
          "DECIMAL_DIGITS:short?", "PSEUDO_COLUMN:short");

  static final List<Column> UDTS =
      of("TYPE_CAT?", "TYPE_SCHEM?", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE:int", "REMARKS?", "BASE_TYPE:short?");

  static final List<Column> SUPER_TYPES =
      of("TYPE_CAT?", "TYPE_SCHEM?", "TYPE_NAME", "SUPERTYPE_CAT?", "SUPERTYPE_SCHEM?", "SUPERTYPE_NAME");

  static final List<Column> SUPER_TABLES = of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "SUPERTABLE_NAME");

  static final List<Column> ATTRIBUTES =
      of("TYPE_CAT?", "TYPE_SCHEM?", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE:int", "ATTR_TYPE_NAME", "ATTR_SIZE:int?",
          "DECIMAL_DIGITS:int?", "NUM_PREC_RADIX:int?", "NULLABLE:int", "REMARKS?", "ATTR_DEF?", "SQL_DATA_TYPE:int?",
          "SQL_DATETIME_SUB:int?", "CHAR_OCTET_LENGTH:int?", "ORDINAL_POSITION:int", "IS_NULLABLE", "SCOPE_CATALOG?",
          "SCOPE_SCHEMA?", "SCOPE_TABLE?", "SOURCE_DATA_TYPE:short?");

  static final List<Column> PSEUDO_COLUMNS =
      of("TABLE_CAT?", "TABLE_SCHEM?", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE:int", "COLUMN_SIZE:int?",
          "DECIMAL_DIGITS:int?", "NUM_PREC_RADIX:int?", "COLUMN_USAGE", "REMARKS?", "CHAR_OCTET_LENGTH:int?",
          "IS_NULLABLE");

  static final List<Column> CLIENT_INFO_PROPERTIES = of("NAME", "MAX_LEN:int", "DEFAULT_VALUE?", "DESCRIPTION?");

  /** Specs of the form {@code NAME[:type][?]}: type defaults to varchar, {@code ?} marks a nullable column. */
  private static List<Column> of(String... specs) {
    List<Column> columns = new ArrayList<>();
    for (String spec : specs) {
      boolean nullable = spec.endsWith("?");
      String body = nullable ? spec.substring(0, spec.length() - 1) : spec;
      int colon = body.indexOf(':');
      String name = colon < 0 ? body : body.substring(0, colon);
      String type = colon < 0 ? "varchar" : body.substring(colon + 1);
      switch (type) {
        case "varchar":
          columns.add(Column.varchar(name, nullable));
          break;
        case "int":
          columns.add(Column.integer(name, nullable));
          break;
        case "short":
          columns.add(Column.smallint(name, nullable));
          break;
        case "bigint":
          columns.add(Column.bigint(name, nullable));
          break;
        case "boolean":
          columns.add(Column.bool(name, nullable));
          break;
        default:
          throw new IllegalArgumentException("unknown column type in '" + spec + "'");
      }
    }
    return List.copyOf(columns);
  }
}
