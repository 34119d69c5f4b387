package dev.quiver.jdbc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The workload through Quiver's JDBC driver; writes are {@code .gq} texts, reads SQL or {@code .gq}. */
final class JdbcWorkload implements Workload {
  private final WorkloadData data;
  private final String durability;
  private String url;
  private Connection connection;
  private PreparedStatement lookup;
  private PreparedStatement friendsOfFriends;

  JdbcWorkload(WorkloadData data, String durability) {
    this.data = data;
    this.durability = durability;
  }

  private JdbcWorkload(WorkloadData data, String durability, String url) throws SQLException {
    this(data, durability);
    this.url = url;
    this.connection = DriverManager.getConnection(url);
  }

  @Override
  public String name() {
    return "Quiver " + durability;
  }

  @Override
  public void load(Path directory) throws Exception {
    Path file = directory.getParent().resolve("workload.ndjson");
    Path schema = directory.getParent().resolve("workload.pg");
    if (!Files.exists(file)) {
      data.writeNdjson(file);
      Files.writeString(schema, WorkloadData.SCHEMA);
    }
    close();
    url = "jdbc:quiver:" + directory + "?durability=" + durability;
    try (Connection create = DriverManager.getConnection(url + "&create=true&schema=" + schema)) {
      // created with the schema; the timed part is the load alone
    }
    connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute("load \"" + file + "\"");
    }
  }

  @Override
  public void smallTransaction(int client, int sequence) throws SQLException {
    int[] ends = WorkloadBench.smallTransactionEnds(data.persons, client, sequence);
    String id = "n" + client + "_" + sequence;
    String text = "insert Person { pid: \"" + id + "\", name: \"New " + id + "\", age: 30 }\n"
        + "insert Knows { from: \"" + id + "\", to: \"p" + ends[0] + "\", since: 2000 }\n"
        + "insert Knows { from: \"" + id + "\", to: \"p" + ends[1] + "\", since: 2001 }";
    try (Statement statement = connection.createStatement()) {
      statement.execute(text);
    }
  }

  @Override
  public Object[] lookup(int i) throws SQLException {
    if (lookup == null) {
      lookup = connection.prepareStatement("SELECT name, age FROM Person WHERE id = ?");
    }
    lookup.setString(1, "p" + i);
    try (ResultSet rows = lookup.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      String name = rows.getString(1);
      int age = rows.getInt(2);
      return new Object[] {name, rows.wasNull() ? null : age};
    }
  }

  @Override
  public double[] countAverage() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*), AVG(age) FROM Person WHERE age BETWEEN 30 AND 40")) {
      rows.next();
      return new double[] {rows.getLong(1), rows.getDouble(2)};
    }
  }

  @Override
  public long friendsOfFriends(int start) throws SQLException {
    if (friendsOfFriends == null) {
      friendsOfFriends = connection.prepareStatement(
          "match { $p: Person { pid: $start }  $p knows{2,2} $f } return { count($f) }");
    }
    friendsOfFriends.setString(1, "p" + start);
    try (ResultSet rows = friendsOfFriends.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public long[] fullScan() throws SQLException {
    long count = 0;
    long since = 0;
    long lengths = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, src, dst, since FROM Knows")) {
      while (rows.next()) {
        lengths += rows.getString(1).length() + rows.getString(2).length() + rows.getString(3).length();
        since += rows.getInt(4);
        count++;
      }
    }
    return new long[] {count, since, lengths};
  }

  @Override
  public void update(int[] persons, int age) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (int i : persons) {
      text.append("update Person set { age: ").append(age).append(" } where pid = \"p").append(i).append("\"\n");
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(text.toString());
    }
  }

  @Override
  public void cascadeDelete(int[] persons) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (int i : persons) {
      text.append("delete Person where pid = \"p").append(i).append("\"\n");
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(text.toString());
    }
  }

  @Override
  public long count(String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public long ageSum() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT SUM(age) FROM Person")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public Workload client() throws SQLException {
    return new JdbcWorkload(data, durability, url);
  }

  @Override
  public void close() throws SQLException {
    lookup = null;
    friendsOfFriends = null;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
