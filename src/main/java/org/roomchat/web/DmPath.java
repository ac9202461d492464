package org.roomchat.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.roomchat.account.UsernamePolicy;

/**
 * A path under {@code /dm} naming a conversation by its other user: {@code /{username}/} is its
 * page, {@code /{username}/block} and {@code /{username}/unblock} (a closing slash allowed) the
 * posts of its forms. The page without its closing slash is the same page, to be asked for again
 * with it. The name is as the path has it (decoded); whether it is a user's is for the caller.
 */
record DmPath(String username, DmPath.Action action, boolean closed) {

  /** What the path asks for. */
  enum Action {
    PAGE(""),
    BLOCK("block"),
    UNBLOCK("unblock");

    private final String segment;

    Action(String segment) {
      this.segment = segment;
    }
  }

  /**
   * The conversation path a path (after {@code /dm}, starting with a slash) names; empty for
   * others, and for a name no account can have (longer than any).
   */
  static Optional<DmPath> parse(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String[] parts = path.substring(1).split("/", -1);
    String name = parts[0];
    if (name.isEmpty() || name.length() > UsernamePolicy.MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    return switch (parts.length) {
      case 1 -> Optional.of(new DmPath(name, Action.PAGE, false));
      case 2 ->
          parts[1].isEmpty()
              ? Optional.of(new DmPath(name, Action.PAGE, true))
              : form(name, parts[1]);
      case 3 -> parts[2].isEmpty() ? form(name, parts[1]) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<DmPath> form(String name, String segment) {
    for (Action action : Action.values()) {
      if (action != Action.PAGE && action.segment.equals(segment)) {
        return Optional.of(new DmPath(name, action, true));
      }
    }
    return Optional.empty();
  }

  /** The address of the conversation's page with this user under the context root. */
  static String page(String contextPath, String username) {
    return contextPath + "/dm/" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "/";
  }

  /** The address a form of the conversation's page posts this action to. */
  static String form(String contextPath, String username, Action action) {
    return page(contextPath, username) + action.segment;
  }

  /** The conversation's WebSocket path, from the server's root. */
  static String socket(String username) {
    return "/ws/dm/" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "/";
  }
}
