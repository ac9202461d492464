package org.roomchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.roomchat.support.FuzzText;
import org.roomchat.support.FuzzTime;

/**
 * Every text either names a room that the rest of the server can use, or is refused the same way
 * by every entry point. Without {@code JAZZER_FUZZ} this replays the inputs under {@code
 * RoomNameFuzzTestInputs}.
 */
class RoomNameFuzzTest {

  /**
   * The room table's name column: 200 UTF-16 units (the embedded database's measure), room for
   * 100 characters of any plane.
   */
  static final int NAME_COLUMN_LENGTH = 200;

  @DictionaryFile(resourcePath = "room-names.dict")
  @FuzzTest(maxDuration = "10m")
  void everyTextIsARoomNameOrRefused(byte[] input) {
    String text = FuzzText.of(input);
    Optional<RoomName> parsed = FuzzTime.quick(() -> RoomName.parse(text));
    assertEquals(isRoomName(text), parsed.isPresent(), () -> "room name " + text);
    if (parsed.isPresent()) {
      RoomName room = parsed.get();
      assertEquals(text, room.value());
      assertEquals(room, new RoomName(text));
      assertEquals(parsed, RoomName.ofGroup(room.group()));
      assertTrue(text.length() <= NAME_COLUMN_LENGTH, "fits the room table");
    } else if (RoomName.named(text).isPresent()) {
      // Not a room's name, so a conversation's: the server makes it, nobody types it.
      RoomName conversation = RoomName.named(text).get();
      assertTrue(conversation.isConversation(), () -> "conversation " + text);
      assertEquals(conversation, new RoomName(text));
      assertEquals(Optional.of(conversation), RoomName.ofGroup(conversation.group()));
      assertTrue(text.length() <= NAME_COLUMN_LENGTH, "fits the room table");
    } else {
      assertThrows(IllegalArgumentException.class, () -> new RoomName(text));
      assertEquals(Optional.empty(), RoomName.ofGroup("chat_" + text));
    }
  }

  @Test
  void aConversationIsNamedByItsUsersIdsInOrderAndIsNoRoomName() {
    RoomName conversation = RoomName.conversation(1234, 56);
    assertEquals("@56-1234", conversation.value());
    assertEquals(conversation, RoomName.conversation(56, 1234));
    assertTrue(conversation.isConversation());
    assertEquals(Optional.empty(), RoomName.parse("@56-1234"), "nobody types one");
    assertEquals(Optional.of(conversation), RoomName.named("@56-1234"));
    assertEquals(Optional.of(conversation), RoomName.ofGroup("chat_@56-1234"));
    assertEquals(OptionalLong.of(1234), conversation.peerOf(56));
    assertEquals(OptionalLong.of(56), conversation.peerOf(1234));
    assertEquals(OptionalLong.empty(), conversation.peerOf(57), "not one of its users");
    assertEquals(OptionalLong.of(9), RoomName.conversation(9, 9).peerOf(9), "a notepad");
    assertFalse(new RoomName("lobby").isConversation());
    assertEquals(OptionalLong.empty(), new RoomName("lobby").peerOf(1));
  }

  @Test
  void onlyTheOneSpellingOfAConversationIsAName() {
    for (String name :
        List.of(
            "@2-1",
            "@01-2",
            "@0-1",
            "@1-",
            "@-1",
            "@1-2-3",
            "@ 1-2",
            "@1-2 ",
            "@-1-2",
            "@1-99999999999999999999",
            "@1-9223372036854775808",
            "@١-٢")) {
      assertEquals(Optional.empty(), RoomName.named(name), name);
      assertThrows(IllegalArgumentException.class, () -> new RoomName(name), name);
    }
    assertTrue(RoomName.named("@1-9223372036854775807").isPresent());
    assertThrows(IllegalArgumentException.class, () -> RoomName.conversation(0, 1));
  }

  @Test
  void aNameOfLettersBeyondTheBmpCountsItsCharactersAndFitsTheRoomTable() {
    String bold = "\ud835\udc00"; // MATHEMATICAL BOLD CAPITAL A, a letter in two UTF-16 units
    assertTrue(RoomName.parse(bold.repeat(100)).isPresent(), "100 characters");
    assertTrue(bold.repeat(100).length() <= NAME_COLUMN_LENGTH);
    assertEquals(Optional.empty(), RoomName.parse(bold.repeat(101)), "101 characters");
    assertTrue(RoomName.parse(bold.repeat(50) + "r".repeat(50)).isPresent());
  }

  @Test
  void hugeAndBrokenNamesAreRefusedQuickly() {
    for (String name :
        List.of("r".repeat(1_000_000), "\ud800", "a\u0000b", "-".repeat(101), "한".repeat(101))) {
      assertEquals(
          Optional.empty(),
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> RoomName.parse(name)));
    }
  }

  /**
   * The contract's {@code ^[\w-]{1,100}$} with Unicode word characters, read as Java's Unicode
   * {@code \w} defines them; no longer than the room table holds.
   */
  static boolean isRoomName(String text) {
    return !text.isEmpty()
        && text.codePointCount(0, text.length()) <= 100
        && text.codePoints().allMatch(RoomNameFuzzTest::isWordOrHyphen);
  }

  private static boolean isWordOrHyphen(int c) {
    if (c == '-' || c == '\u200c' || c == '\u200d' || Character.isAlphabetic(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.CONNECTOR_PUNCTUATION;
  }
}
