package org.roomchat.protocol;

/** Why a client frame was refused: a stable code for machines and a sentence for people. */
public enum Rejection {
  NOT_JSON("invalid_json", "Invalid JSON format."),
  NOT_AN_OBJECT("invalid_frame", "A frame must be a JSON object."),
  UNKNOWN_TYPE("unknown_type", "Unknown message type."),
  MESSAGE_NOT_TEXT("invalid_message", "The message must be a string."),
  TYPING_NOT_BOOLEAN("invalid_typing", "is_typing must be true or false."),
  TOO_LONG("too_long", "The message is too long."),
  RATE_LIMITED("rate_limited", "You are sending messages too fast."),
  TOO_MANY_FRAMES("too_many_frames", "You are sending frames too fast; this one was dropped."),
  BANNED_WORD("banned_word", "The message contains a banned word."),
  INVALID_TEXT(
      "invalid_text",
      "The message contains control characters (other than newline and tab) or broken Unicode."),
  INVALID_AFTER("invalid_after", "The after parameter must be a message id."),
  INVALID_READ("invalid_read", "message_id must be the id of a message of this room."),
  NOT_STORED("not_stored", "The message could not be stored; please send it again."),
  BLOCKED("blocked", "This user has blocked you; your message was not delivered."),
  INVALID_MESSAGE_ID("invalid_frame", "message_id must be the id of a message."),
  UNKNOWN_MESSAGE("unknown_message", "There is no such message in this room, or it was deleted."),
  NOT_AUTHOR("not_author", "Only the author may edit a message."),
  EDIT_WINDOW_CLOSED("edit_window_closed", "This message can no longer be edited."),
  NOT_ALLOWED("not_allowed", "You may not delete this message."),
  MUTED("muted", "You are muted in this room; your message was not delivered.");

  private final String code;
  private final String reason;

  Rejection(String code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public String code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
