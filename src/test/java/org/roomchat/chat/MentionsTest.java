package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomchat.room.MentionToken;

/** Which {@code @name}s a message holds, and the names each may stand for. */
class MentionsTest {

  private static List<List<String>> keys(String text) {
    return Mentions.in(text).stream().map(MentionToken::keys).toList();
  }

  @Test
  void aNameAtTheStartOrAfterANonLetterIsAMention() {
    assertEquals(List.of(List.of("bob")), keys("@bob hi"));
    assertEquals(List.of(List.of("bob")), keys("hi (@bob)"));
    assertEquals(List.of(List.of("bob"), List.of("carol")), keys("@bob, @carol"));
    assertEquals(List.of(List.of("bob")), keys("line\n@bob"));
  }

  @Test
  void anAtSignAfterALetterOrDigitIsNoMention() {
    assertEquals(List.of(), keys("write to bob@example.com"));
    assertEquals(List.of(), keys("1@bob"));
    assertEquals(List.of(), keys("김@bob"));
    assertEquals(List.of(), keys("no at sign"));
    assertEquals(List.of(), keys("@ alone"));
    assertEquals(List.of(), keys("@"));
  }

  @Test
  void namesAreComparedAsUsernamesAre() {
    assertEquals(List.of(List.of("bob")), keys("@BOB"));
    // Full-width at sign and letters are the plain ones in NFKC form.
    assertEquals(List.of(List.of("bob")), keys("\uff20\uff22\uff4f\uff42 hi"));
    assertEquals(List.of(List.of("김철수")), keys("안녕 @김철수 님"));
  }

  @Test
  void aNameEndingInPunctuationMayMeanTheNameWithoutIt() {
    assertEquals(List.of(List.of("bob.", "bob")), keys("thanks @bob."));
    assertEquals(List.of(List.of("bob.smith.", "bob.smith", "bob")), keys("@bob.smith."));
    assertEquals(List.of(List.of("a-b_c", "a")), keys("@a-b_c"));
    assertEquals(List.of(List.of("alice@bob", "alice")), keys("@alice@bob"));
  }

  @Test
  void aDoubledAtSignStillMentionsTheName() {
    assertEquals(List.of(List.of("@bob"), List.of("bob")), keys("@@bob"));
  }

  @Test
  void eachNameOnceAndAtMostTwentyNames() {
    assertEquals(List.of(List.of("bob")), keys("@bob @bob @Bob"));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      many.append("@user").append(i).append(' ');
    }
    List<List<String>> found = keys(many.toString());
    assertEquals(Mentions.MAX_TOKENS, found.size());
    assertEquals(List.of("user0"), found.get(0));
  }

  @Test
  void aNameIsNoLongerThanAUsernameAndHasFewCandidates() {
    List<List<String>> found = keys("@" + "a".repeat(500));
    assertEquals(1, found.size());
    assertEquals(150, found.get(0).get(0).length());
    List<String> dotted = keys("@a.b.c.d.e.f.g").get(0);
    assertTrue(dotted.size() <= Mentions.MAX_CANDIDATES, dotted.toString());
    assertEquals("a.b.c.d.e.f.g", dotted.get(0));
  }
}
