package org.roomchat.guard;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a chat message may contain: a length limit and a list of banned words. */
public final class MessagePolicy {

  /** The outcome of checking one message. */
  public sealed interface Verdict {}

  /** The message may be stored, as this text. */
  public record Accepted(String text) implements Verdict {}

  /** Nothing worth storing (blank); ignored without an error. */
  public record Ignored() implements Verdict {}

  /** The message is refused for the given reason. */
  public record Refused(Rejection rejection) implements Verdict {}

  private final int maxLength;
  private final List<String> bannedWords;

  public MessagePolicy(int maxLength, List<String> bannedWords) {
    this.maxLength = maxLength;
    this.bannedWords =
        bannedWords.stream().map(MessagePolicy::fold).filter(word -> !word.isEmpty()).toList();
  }

  public Verdict check(String message) {
    String text = message.strip();
    if (text.isEmpty()) {
      return new Ignored();
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      return new Refused(Rejection.TOO_LONG);
    }
    if (bannedWord(text).isPresent()) {
      return new Refused(Rejection.BANNED_WORD);
    }
    return new Accepted(text);
  }

  /**
   * The first banned word the text contains. Matching is by substring after Unicode folding, so
   * it also catches words with attached particles, as Korean writes them.
   */
  Optional<String> bannedWord(String text) {
    if (bannedWords.isEmpty()) {
      return Optional.empty();
    }
    String folded = fold(text);
    return bannedWords.stream().filter(folded::contains).findFirst();
  }

  private static String fold(String text) {
    return Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
