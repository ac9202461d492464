package org.roomchat.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana-dashboard.json is valid JSON and asks only for series this server exports: every
 * metric name in its queries is one a scrape of {@link ChatMetrics} shows, or a gauge another part
 * of the application registers on it (such as {@code chat_redis_up}, only with Redis).
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Path.of("docs", "grafana-dashboard.json");
  private static final Path SOURCES = Path.of("src", "main", "java");

  private static final Pattern METRIC = Pattern.compile("\\b((?:chat|jvm|process)_[a-z0-9_]+)");
  private static final Pattern REGISTERED_GAUGE = Pattern.compile("gauge\\(\\s*\"([a-z0-9_]+)\"");

  @Test
  void everyQueryAsksForAnExportedMetric() throws IOException {
    Set<String> asked = new TreeSet<>();
    queries(dashboard(), asked);
    assertFalse(asked.isEmpty(), "no metric found in the queries of " + DASHBOARD);

    Set<String> exported = scrapedNames();
    exported.addAll(gaugesRegisteredElsewhere());
    Set<String> unknown = new TreeSet<>(asked);
    unknown.removeAll(exported);
    assertEquals(Set.of(), unknown, "metrics in " + DASHBOARD + " that the server does not export");
  }

  private static JsonObject dashboard() throws IOException {
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(DASHBOARD))) {
      return reader.readObject();
    }
  }

  /** The metric names in every {@code expr} of the dashboard, at any depth. */
  private static void queries(JsonValue value, Set<String> names) {
    if (value instanceof JsonObject object) {
      object.forEach(
          (key, field) -> {
            if (key.equals("expr") && field instanceof JsonString expr) {
              Matcher metric = METRIC.matcher(expr.getString());
              while (metric.find()) {
                names.add(metric.group(1));
              }
            } else {
              queries(field, names);
            }
          });
    } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      value.asJsonArray().forEach(item -> queries(item, names));
    }
  }

  /**
   * The names of the series a fresh registry exports, by each metric's type: a counter's with
   * {@code _total}, a histogram's {@code _bucket}, {@code _sum} and {@code _count}, and so on.
   * Read from the snapshots rather than the text, which leaves out a labelled metric until it has
   * its first value.
   */
  private static Set<String> scrapedNames() {
    ChatMetrics metrics = new ChatMetrics();
    metrics.start(new Object());
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot snapshot : metrics.registry().scrape()) {
      String name = snapshot.getMetadata().getPrometheusName();
      if (snapshot instanceof CounterSnapshot) {
        names.add(name + "_total");
      } else if (snapshot instanceof HistogramSnapshot) {
        names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
      } else if (snapshot instanceof SummarySnapshot) {
        names.addAll(List.of(name, name + "_sum", name + "_count"));
      } else if (snapshot instanceof InfoSnapshot) {
        names.add(name + "_info");
      } else {
        names.add(name);
      }
    }
    return names;
  }

  /** Gauges that other beans register on {@link ChatMetrics} when they start. */
  private static Set<String> gaugesRegisteredElsewhere() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher gauge = REGISTERED_GAUGE.matcher(Files.readString(file));
        while (gauge.find()) {
          names.add(gauge.group(1));
        }
      }
    }
    return names;
  }
}
