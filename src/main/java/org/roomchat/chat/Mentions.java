package org.roomchat.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roomchat.account.UsernamePolicy;
import org.roomchat.room.MentionToken;

/**
 * Finds the {@code @name}s of a message: an {@code @} at the start of the text or after a character
 * that is not a letter or digit (so {@code bob@example.com} names no one), followed by the
 * characters a username may have. The text is read in NFKC form, as names are stored, so a
 * full-width {@code ＠ｂｏｂ} is {@code @bob}; each name is given by its keys, compared as usernames
 * are. A name that ends in punctuation may mean the name without it ({@code @bob.} at the end of a
 * sentence), so each {@code .}, {@code @}, {@code +} and {@code -} in it also ends a shorter
 * candidate, longest first.
 */
public final class Mentions {

  /** The most {@code @name}s read from one message; the writer stores at most as many readers. */
  static final int MAX_TOKENS = 20;

  /** The most candidate names one {@code @name} stands for. */
  static final int MAX_CANDIDATES = 4;

  private Mentions() {}

  /** The message's {@code @name}s, in the order of the text, each once. */
  public static List<MentionToken> in(String text) {
    if (text.indexOf('@') < 0 && text.indexOf('\uff20') < 0 && text.indexOf('\ufe6b') < 0) {
      return List.of(); // no at sign in any width: the common case costs one scan
    }
    String normal = UsernamePolicy.normalise(text);
    Set<List<String>> tokens = new LinkedHashSet<>();
    int previous = -1;
    for (int i = 0; i < normal.length() && tokens.size() < MAX_TOKENS; ) {
      int c = normal.codePointAt(i);
      int next = i + Character.charCount(c);
      if (c == '@' && (previous < 0 || !isLetterOrDigit(previous))) {
        List<String> keys = keys(nameAt(normal, next));
        if (!keys.isEmpty()) {
          tokens.add(keys);
        }
      }
      previous = c;
      i = next;
    }
    List<MentionToken> mentions = new ArrayList<>(tokens.size());
    tokens.forEach(keys -> mentions.add(new MentionToken(keys)));
    return mentions;
  }

  /** The longest run of username characters at {@code from}, at most a username's length. */
  private static String nameAt(String text, int from) {
    int end = from;
    while (end < text.length() && end - from < UsernamePolicy.MAX_LENGTH) {
      int c = text.codePointAt(end);
      if (!isNameCharacter(c)) {
        break;
      }
      end += Character.charCount(c);
    }
    return text.substring(from, Math.min(end, text.length()));
  }

  /** The keys of the name and of its shorter candidates, longest first, without repeats. */
  private static List<String> keys(String name) {
    Set<String> keys = new LinkedHashSet<>();
    for (int end = name.length(); end > 0 && keys.size() < MAX_CANDIDATES; ) {
      keys.add(UsernamePolicy.key(name.substring(0, end)));
      int cut = end - 1;
      while (cut > 0 && !endsCandidate(name.charAt(cut))) {
        cut--;
      }
      end = cut;
    }
    return List.copyOf(keys);
  }

  private static boolean endsCandidate(char c) {
    return c == '.' || c == '@' || c == '+' || c == '-';
  }

  /** A letter or digit, or a mark on one (which belongs to it as the reader sees it). */
  private static boolean isLetterOrDigit(int c) {
    return Character.isLetterOrDigit(c) || isMark(c);
  }

  /** What a username may hold: Django's {@code [\w.@+-]} with Unicode word characters. */
  private static boolean isNameCharacter(int c) {
    return Character.isAlphabetic(c)
        || Character.isDigit(c)
        || isMark(c)
        || Character.getType(c) == Character.CONNECTOR_PUNCTUATION
        || c == '\u200c'
        || c == '\u200d'
        || c == '.'
        || c == '@'
        || c == '+'
        || c == '-';
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
