package org.roomchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md is the contract for client authors: it must name every frame type, error code
 * and close code the server knows, read here from the protocol package itself, so that a new one
 * cannot ship undocumented.
 */
class ProtocolDocumentTest {

  static final Path DOCUMENT = Path.of("docs", "protocol.md");

  private static String document;

  @BeforeAll
  static void readDocument() throws IOException {
    document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
  }

  /** The names the document leaves out, each as it would appear in code font. */
  private static List<String> missing(Iterable<String> names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!document.contains("`" + name + "`")) {
        missing.add(name);
      }
    }
    return missing;
  }

  @Test
  void namesEveryClientFrameType() {
    assertEquals(List.of(), missing(ClientFrameDecoder.TYPES), DOCUMENT + " misses client frames");
  }

  @Test
  void namesEveryServerFrameType() {
    Set<String> types = serverFrameTypes();
    assertTrue(types.contains("message") && types.contains("error"), types::toString);
    assertEquals(List.of(), missing(types), DOCUMENT + " misses server frames");
  }

  @Test
  void namesEveryErrorCode() {
    List<String> codes = Arrays.stream(Rejection.values()).map(Rejection::code).toList();
    assertEquals(List.of(), missing(codes), DOCUMENT + " misses error codes");
  }

  @Test
  void namesEveryCloseCode() {
    List<String> numbers =
        Arrays.stream(CloseCode.values()).map(code -> Integer.toString(code.number())).toList();
    assertEquals(List.of(), missing(numbers), DOCUMENT + " misses close codes");
  }

  @Test
  void namesTheFrameSizeCap() {
    assertTrue(document.contains("64 KiB"), "the cap is " + ClientFrameDecoder.MAX_FRAME_BYTES);
  }

  /**
   * The {@code type} of every kind of server frame, as the encoder writes it: one sample of each
   * record the sealed interface permits, built from placeholder values.
   */
  static Set<String> serverFrameTypes() {
    Set<String> types = new TreeSet<>();
    for (Class<?> kind : ServerFrame.class.getPermittedSubclasses()) {
      ServerFrame sample = (ServerFrame) sample(kind);
      JsonObject json =
          Json.createReader(new StringReader(ServerFrameEncoder.toJson(sample))).readObject();
      assertTrue(json.containsKey("type"), () -> kind.getSimpleName() + " is written without type");
      types.add(json.getString("type"));
    }
    return types;
  }

  /** A value of the type: a placeholder for plain types, a record built from placeholders. */
  private static Object sample(Class<?> type) {
    Map<Class<?>, Object> plain =
        Map.of(
            String.class, "x",
            long.class, 1L,
            int.class, 1,
            boolean.class, false,
            List.class, List.of(),
            Set.class, Set.of(),
            Map.class, Map.of(),
            OffsetDateTime.class, OffsetDateTime.of(2025, 8, 4, 10, 0, 0, 0, ZoneOffset.UTC),
            Instant.class, Instant.EPOCH);
    if (plain.containsKey(type)) {
      return plain.get(type);
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (!type.isRecord()) {
      throw new AssertionError("No sample for " + type + "; teach " + ProtocolDocumentTest.class);
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] arguments =
        Arrays.stream(parameterTypes).map(ProtocolDocumentTest::sample).toArray();
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
      canonical.setAccessible(true);
      return canonical.newInstance(arguments);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new AssertionError("Cannot build a sample " + type.getSimpleName(), cause);
    }
  }
}
