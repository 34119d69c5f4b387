package dev.quiver.jdbc.bench;

/** The rows of the graph workload, done by one side (Quiver through JDBC, or raw lance-java). */
interface Workload extends AutoCloseable {

  String name();

  /** Loads the whole data set into a fresh graph in {@code directory}; later rows use the last one loaded. */
  void load(java.nio.file.Path directory) throws Exception;

  /** One transaction: a new person and two Knows edges from it to existing persons. */
  void smallTransaction(int client, int sequence) throws Exception;

  /** The name and age of person {@code p<i>}. */
  Object[] lookup(int i) throws Exception;

  /** COUNT and AVG of the ages between 30 and 40. */
  double[] countAverage() throws Exception;

  /** Persons first reached at hop 2 from {@code p<start>}. */
  long friendsOfFriends(int start) throws Exception;

  /** Every Knows row read value by value: {row count, sum of since, sum of the lengths of id, src, dst}. */
  long[] fullScan() throws Exception;

  /** Sets the age of every listed person in one transaction. */
  void update(int[] persons, int age) throws Exception;

  /** Deletes the listed persons and every Knows edge touching them in one transaction. */
  void cascadeDelete(int[] persons) throws Exception;

  /** Rows of {@code Person} or {@code Knows} (verification, not timed). */
  long count(String table) throws Exception;

  /** The sum of the ages (verification, not timed). */
  long ageSum() throws Exception;

  /** A client of the concurrent row: its own connection (or handles) for one thread. */
  Workload client() throws Exception;
}
