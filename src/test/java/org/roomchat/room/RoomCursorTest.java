package org.roomchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoomCursorTest {

  @Test
  void aTokenNamesTheSameInstantAndId() {
    OffsetDateTime activity = OffsetDateTime.parse("2026-12-02T12:34:56.123456+09:00");
    RoomCursor cursor = new RoomCursor(activity, 4321);
    RoomCursor parsed = RoomCursor.parse(cursor.token()).orElseThrow();
    assertEquals(activity.toInstant(), parsed.activity().toInstant());
    assertEquals(ZoneOffset.UTC, parsed.activity().getOffset());
    assertEquals(4321, parsed.id());
    assertEquals("1796182496123456_4321", cursor.token());
  }

  @Test
  void anythingElseIsNoCursor() {
    for (String junk :
        Arrays.asList(
            null,
            "",
            "_",
            "12_",
            "_12",
            "-1_5",
            "1_-5",
            "1.5_2",
            "1_2_3",
            "１２_３", // full-width digits
            "9999999999999999999_1",
            "1_99999999999999999999",
            "<script>_1")) {
      assertEquals(Optional.empty(), RoomCursor.parse(junk), String.valueOf(junk));
    }
    assertTrue(RoomCursor.parse("0_0").isPresent());
  }
}
