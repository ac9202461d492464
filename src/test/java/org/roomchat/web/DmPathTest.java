package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DmPathTest {

  @Test
  void thePageIsTheNameWithItsClosingSlash() {
    assertEquals(Optional.of(new DmPath("bob", DmPath.Action.PAGE, true)), DmPath.parse("/bob/"));
    assertEquals(Optional.of(new DmPath("bob", DmPath.Action.PAGE, false)), DmPath.parse("/bob"));
    assertEquals(Optional.of(new DmPath("김민지", DmPath.Action.PAGE, true)), DmPath.parse("/김민지/"));
  }

  @Test
  void theFormsPostWithOrWithoutAClosingSlash() {
    for (String path : List.of("/bob/block", "/bob/block/")) {
      assertEquals(Optional.of(new DmPath("bob", DmPath.Action.BLOCK, true)), DmPath.parse(path));
    }
    for (String path : List.of("/bob/unblock", "/bob/unblock/")) {
      assertEquals(Optional.of(new DmPath("bob", DmPath.Action.UNBLOCK, true)), DmPath.parse(path));
    }
  }

  @Test
  void anythingElseIsNoConversationPath() {
    for (String path :
        List.of(
            "",
            "/",
            "//",
            "bob/",
            "/bob/members/",
            "/bob/block/x",
            "/bob//",
            "/bob/Block",
            "/" + "x".repeat(601) + "/")) {
      assertEquals(Optional.empty(), DmPath.parse(path), path);
    }
    assertEquals(
        Optional.of(new DmPath("x".repeat(600), DmPath.Action.PAGE, true)),
        DmPath.parse("/" + "x".repeat(600) + "/"));
  }

  @Test
  void addressesCarryTheNamePercentEncoded() {
    assertEquals("/app/dm/%EA%B9%80/", DmPath.page("/app", "김"));
    assertEquals("/dm/a.b%2Bc%40d/block", DmPath.form("", "a.b+c@d", DmPath.Action.BLOCK));
    assertEquals("/dm/bob/unblock", DmPath.form("", "bob", DmPath.Action.UNBLOCK));
    assertEquals("/ws/dm/%EA%B9%80/", DmPath.socket("김"));
  }
}
