package org.roomchat.guard;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.roomchat.protocol.Rejection;

/**
 * What a chat message may contain: text (no control characters but newline and tab, no broken
 * UTF-16), a length limit and no banned word.
 */
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
    // Before the strip, which would quietly drop some controls (U+001C-U+001F count as spaces).
    if (!isText(message)) {
      return new Refused(Rejection.INVALID_TEXT);
    }
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
   * Whether every character is one a person can mean to send. Refused: the C0 controls but newline
   * and tab (NUL ends strings in other programs; carriage return, escape and the rest move a
   * terminal's cursor or do nothing visible), DEL and the C1 controls (U+0080-U+009F: no text uses
   * them, and some terminals read U+009B as the start of an escape sequence), and surrogates
   * without their other half, which are no character at all and which UTF-8 cannot encode.
   */
  static boolean isText(String message) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == message.length() || !Character.isLowSurrogate(message.charAt(i + 1))) {
          return false;
        }
        i++; // the pair's low half
      } else if (Character.isLowSurrogate(c)) {
        return false;
      } else if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') {
        return false;
      }
    }
    return true;
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
