package org.roomchat.room;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose values are stored and sent in forms by their names in lower case ({@code PRIVATE}
 * is {@code private}).
 */
public interface LowerCaseName {

  /** The constant's name, as every enum has it. */
  String name();

  /** The name stored and sent. */
  default String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value of the enum with this name; empty for anything else, null included. */
  static <E extends Enum<E> & LowerCaseName> Optional<E> parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.value().equals(value)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
