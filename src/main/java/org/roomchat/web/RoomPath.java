package org.roomchat.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.roomchat.room.RoomName;

/**
 * A page of one room, as its path under {@code /chat} names it: {@code /{room}/} is the room,
 * {@code /{room}/members/} its members, {@code /{room}/moderation/} where its moderation form
 * posts. Without the closing slash it is the same page, to be asked for again with it.
 */
record RoomPath(RoomName room, RoomPath.Page page, boolean closed) {

  /** Which page of the room. */
  enum Page {
    ROOM(""),
    MEMBERS("members/"),
    MODERATION("moderation/");

    private final String suffix;

    Page(String suffix) {
      this.suffix = suffix;
    }
  }

  /** The room page a path (after {@code /chat}, starting with a slash) names; empty for others. */
  static Optional<RoomPath> parse(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String[] parts = path.substring(1).split("/", -1);
    Optional<RoomName> room = RoomName.parse(parts[0]);
    if (room.isEmpty()) {
      return Optional.empty();
    }
    return switch (parts.length) {
      case 1 -> Optional.of(new RoomPath(room.get(), Page.ROOM, false));
      case 2 ->
          parts[1].isEmpty()
              ? Optional.of(new RoomPath(room.get(), Page.ROOM, true))
              : subpage(room.get(), parts[1], false);
      case 3 -> parts[2].isEmpty() ? subpage(room.get(), parts[1], true) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<RoomPath> subpage(RoomName room, String page, boolean closed) {
    return switch (page) {
      case "members" -> Optional.of(new RoomPath(room, Page.MEMBERS, closed));
      case "moderation" -> Optional.of(new RoomPath(room, Page.MODERATION, closed));
      default -> Optional.empty();
    };
  }

  /** The page's address under the context root, with its closing slash. */
  String url(String contextPath) {
    return of(contextPath, room, page);
  }

  /** The room's WebSocket path, from the server's root. */
  static String socket(RoomName room) {
    return "/ws/chat/" + URLEncoder.encode(room.value(), StandardCharsets.UTF_8) + "/";
  }

  /** The address of a room's page under the context root. */
  static String of(String contextPath, RoomName room, Page page) {
    return contextPath
        + "/chat/"
        + URLEncoder.encode(room.value(), StandardCharsets.UTF_8)
        + "/"
        + page.suffix;
  }
}
