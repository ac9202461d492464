package org.roomchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Signs benchmark users up through the real sign-up form, several at a time. */
final class BenchUsers {

  private static final String PASSWORD = "quiet-harbor-bench-42";

  private BenchUsers() {}

  /**
   * Signs up the named users, {@code parallel} at a time, each in a new browser of its own, and
   * returns those browsers, logged in, in the order of the names.
   */
  static List<BenchBrowser> signUp(
      List<String> names, int parallel, Supplier<BenchBrowser> newBrowser) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<BenchBrowser>> signingUp = new ArrayList<>();
      for (String name : names) {
        signingUp.add(pool.submit(() -> newBrowser.get().signUp(name, PASSWORD)));
      }
      List<BenchBrowser> browsers = new ArrayList<>(names.size());
      for (Future<BenchBrowser> browser : signingUp) {
        browsers.add(browser.get());
      }
      return browsers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The names prefix0, prefix1, ... up to {@code count} of them. */
  static List<String> numbered(String prefix, int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(prefix + i);
    }
    return names;
  }
}
