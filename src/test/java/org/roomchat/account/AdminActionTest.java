package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Admin actions are named once for their forms' paths and the audit log, and shown in words. */
class AdminActionTest {

  @Test
  void eachCodeNamesItsActionAndNothingElse() {
    for (AdminAction action : AdminAction.values()) {
      assertEquals(Optional.of(action), AdminAction.ofCode(action.code()));
      assertTrue(action.code().matches("[a-z-]+"), "a path segment: " + action.code());
    }
    assertEquals(
        AdminAction.values().length,
        Arrays.stream(AdminAction.values()).map(AdminAction::code).distinct().count());
    assertEquals(Optional.empty(), AdminAction.ofCode("delete"));
    assertEquals(Optional.empty(), AdminAction.ofCode("DISABLE"));
  }

  @Test
  void eachActionHasATextInEveryLanguage() throws IOException {
    for (String bundle : new String[] {"messages.properties", "messages_ko.properties"}) {
      Properties texts = new Properties();
      try (InputStream in =
              AdminActionTest.class.getResourceAsStream("/org/roomchat/web/" + bundle);
          Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        texts.load(reader);
      }
      for (AdminAction action : AdminAction.values()) {
        assertTrue(texts.containsKey(action.key()), bundle + " has " + action.key());
      }
      assertTrue(
          texts.containsKey("audit.action.other"), bundle + ": an action of a newer version");
    }
  }
}
