package org.roomchat.support;

/**
 * Turns a fuzzer's bytes into any Java string, so that fuzz inputs stay readable files: UTF-8 is
 * read as UTF-8; a surrogate encoded as UTF-8 would encode its code unit ({@code ED A0 80} for
 * U+D800) becomes that lone surrogate, which no strict UTF-8 decoder lets through; any other byte
 * that starts no valid sequence stands for the character of its own value (U+0080 to U+00FF).
 */
public final class FuzzText {

  private FuzzText() {}

  public static String of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  public static String of(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int lead = bytes[i] & 0xFF;
      int length = sequenceLength(lead);
      int codePoint = length > 1 ? codePoint(bytes, i, length, to) : -1;
      if (codePoint >= 0) {
        text.appendCodePoint(codePoint); // a surrogate's value appends that lone char
        i += length;
      } else {
        text.append((char) lead);
        i++;
      }
    }
    return text.toString();
  }

  private static int sequenceLength(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
      return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      return 4;
    }
    return 1;
  }

  /** The code point of a well-formed sequence at {@code start}, or -1. */
  private static int codePoint(byte[] bytes, int start, int length, int to) {
    if (start + length > to) {
      return -1;
    }
    int codePoint = bytes[start] & (0x7F >> length);
    for (int k = 1; k < length; k++) {
      int next = bytes[start + k] & 0xFF;
      if ((next & 0xC0) != 0x80) {
        return -1;
      }
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    int smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    return codePoint >= smallest && codePoint <= Character.MAX_CODE_POINT ? codePoint : -1;
  }
}
