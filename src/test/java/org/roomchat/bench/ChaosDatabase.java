package org.roomchat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.PostgresDatabase;

/**
 * The chaos run's PostgreSQL, which it may take away for a while: preferably a cluster of its own
 * (initdb and pg_ctl from the machine's PostgreSQL, on a free port, its data under target/), so
 * that a restart touches nobody else; else a fresh database on the machine's shared server, made
 * unavailable (connections refused and the open ones ended) instead of restarting that server.
 */
abstract class ChaosDatabase implements AutoCloseable {

  /** As DATABASE_URL gives it to the nodes. */
  abstract String url();

  /** A connection to the nodes' database, as its administrator. */
  abstract Connection connect() throws SQLException;

  /**
   * Every stored message's text as it is now, by id: {@link ChaosClient#DELETED} for a deleted
   * one.
   */
  Map<Long, String> storedTexts() {
    Map<Long, String> texts = new HashMap<>();
    try (Connection db = connect();
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("select id, content, deleted from message")) {
      while (rows.next()) {
        texts.put(rows.getLong(1), rows.getBoolean(3) ? ChaosClient.DELETED : rows.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the stored messages", e);
    }
    return texts;
  }

  /** What an outage of this database is, for the results. */
  abstract String outageKind();

  /** Takes the database away for {@code down}, then brings it back and waits until it answers. */
  abstract void outage(Duration down) throws IOException, InterruptedException;

  @Override
  public abstract void close();

  /** A private cluster when the machine has initdb, else a database on the shared server. */
  static ChaosDatabase start(Path workDir) {
    Path bin = PrivateCluster.binaries();
    if (bin != null) {
      try {
        return PrivateCluster.start(bin, workDir);
      } catch (IOException | RuntimeException e) {
        System.err.println("no private PostgreSQL cluster (" + e + "); using the shared server");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return new SharedDatabase(PostgresDatabase.create());
  }

  /** A PostgreSQL cluster of the run's own, run by the postgres user when the run is root's. */
  static final class PrivateCluster extends ChaosDatabase {

    private static final String ADMIN = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private boolean running;

    private PrivateCluster(Path bin, Path dir, int port) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
    }

    /** The newest installed PostgreSQL's bin folder with initdb, or null. */
    static Path binaries() {
      Path root = Path.of("/usr/lib/postgresql");
      if (!Files.isDirectory(root)) {
        return null;
      }
      try (Stream<Path> versions = Files.list(root)) {
        return versions
            .map(version -> version.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(b -> versionOf(b)))
            .orElse(null);
      } catch (IOException e) {
        return null;
      }
    }

    private static int versionOf(Path bin) {
      try {
        return Integer.parseInt(bin.getParent().getFileName().toString());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    static PrivateCluster start(Path bin, Path workDir) throws IOException, InterruptedException {
      Path dir = workDir.resolve("postgres").toAbsolutePath();
      Files.createDirectories(dir);
      if (isRoot()) {
        // initdb refuses to run as root: the cluster belongs to the postgres user.
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = users.lookupPrincipalByName(ADMIN);
        Files.setOwner(dir, owner);
      }
      PrivateCluster cluster = new PrivateCluster(bin, dir, LocalProcess.freePort());
      cluster.run(
          Duration.ofSeconds(60),
          bin.resolve("initdb").toString(),
          "-D",
          cluster.data().toString(),
          "-A",
          "trust",
          "-U",
          ADMIN,
          "-E",
          "UTF8",
          "--no-sync");
      cluster.startServer();
      try (Connection admin = cluster.connect("postgres");
          Statement statement = admin.createStatement()) {
        statement.execute("create database roomchat");
      } catch (SQLException e) {
        cluster.close();
        throw new IllegalStateException("cannot create the benchmark's database", e);
      }
      return cluster;
    }

    private static boolean isRoot() {
      return "root".equals(System.getProperty("user.name"));
    }

    private Path data() {
      return dir.resolve("data");
    }

    private Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + port + "/" + database, ADMIN, "");
    }

    @Override
    String url() {
      return "postgresql://" + ADMIN + "@127.0.0.1:" + port + "/roomchat";
    }

    @Override
    Connection connect() throws SQLException {
      return connect("roomchat");
    }

    @Override
    String outageKind() {
      return "private cluster stopped (pg_ctl stop -m fast) and started again";
    }

    private void startServer() throws IOException, InterruptedException {
      run(
          Duration.ofSeconds(60),
          bin.resolve("pg_ctl").toString(),
          "-D",
          data().toString(),
          "-l",
          dir.resolve("postgres.log").toString(),
          "-w",
          "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
          "start");
      running = true;
    }

    private void stopServer(String mode) throws IOException, InterruptedException {
      running = false;
      run(
          Duration.ofSeconds(60),
          bin.resolve("pg_ctl").toString(),
          "-D",
          data().toString(),
          "-m",
          mode,
          "-w",
          "stop");
    }

    @Override
    void outage(Duration down) throws IOException, InterruptedException {
      stopServer("fast");
      TimeUnit.MILLISECONDS.sleep(down.toMillis());
      startServer();
    }

    private void run(Duration timeout, String... command) throws IOException, InterruptedException {
      List<String> line = new ArrayList<>();
      if (isRoot()) {
        line.addAll(List.of("runuser", "-u", ADMIN, "--"));
      }
      line.addAll(List.of(command));
      Path log = dir.resolve("commands.log");
      Process process =
          new ProcessBuilder(line)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (" + process.exitValue() + "); see " + log);
      }
    }

    @Override
    public void close() {
      try {
        if (running || Files.exists(data().resolve("postmaster.pid"))) {
          stopServer("immediate");
        }
      } catch (IOException | RuntimeException e) {
        System.err.println("stopping the private PostgreSQL failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteData();
    }

    /** The cluster's files go; its log stays for a look after the run. */
    private void deleteData() {
      try (Stream<Path> files = Files.walk(data())) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // Left under target/ for mvn clean.
      }
    }
  }

  /**
   * A fresh database on the machine's shared PostgreSQL. Its outage refuses new connections to it
   * and ends the open ones, then allows them again: the server itself keeps running for others.
   */
  static final class SharedDatabase extends ChaosDatabase {

    private final PostgresDatabase database;
    private final String name;

    SharedDatabase(PostgresDatabase database) {
      this.database = database;
      String url = database.url();
      this.name = url.substring(url.lastIndexOf('/') + 1);
    }

    @Override
    String url() {
      return database.url();
    }

    @Override
    Connection connect() throws SQLException {
      return database.connect();
    }

    @Override
    String outageKind() {
      return "database on the shared server refused connections (ALLOW_CONNECTIONS false,"
          + " backends terminated)";
    }

    @Override
    void outage(Duration down) throws InterruptedException {
      admin("alter database " + name + " allow_connections false");
      admin(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
              + name
              + "' and pid <> pg_backend_pid()");
      TimeUnit.MILLISECONDS.sleep(down.toMillis());
      admin("alter database " + name + " allow_connections true");
    }

    private void admin(String sql) {
      String server = System.getProperty("roomchat.postgres", "127.0.0.1:5432");
      try (Connection admin =
              DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "");
          Statement statement = admin.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      database.close();
    }
  }
}
