package org.roomchat.chat;

import java.util.Optional;
import org.roomchat.room.LowerCaseName;
import org.roomchat.room.ModerationRecord;
import org.roomchat.room.RestrictionKind;

/**
 * What the moderation form asks for, named {@code mute}, {@code unmute}, {@code ban} and {@code
 * unban}: imposing or lifting a restriction of one kind.
 */
public enum ModerationAction implements LowerCaseName {
  MUTE(RestrictionKind.MUTE, true, ModerationRecord.MUTE),
  UNMUTE(RestrictionKind.MUTE, false, ModerationRecord.UNMUTE),
  BAN(RestrictionKind.BAN, true, ModerationRecord.BAN),
  UNBAN(RestrictionKind.BAN, false, ModerationRecord.UNBAN);

  private final RestrictionKind kind;
  private final boolean imposes;
  private final ModerationRecord record;

  ModerationAction(RestrictionKind kind, boolean imposes, ModerationRecord record) {
    this.kind = kind;
    this.imposes = imposes;
    this.record = record;
  }

  /** The restriction it imposes or lifts. */
  public RestrictionKind kind() {
    return kind;
  }

  /** True for mute and ban, false for lifting them. */
  public boolean imposes() {
    return imposes;
  }

  /** How the log names it. */
  ModerationRecord record() {
    return record;
  }

  /** The action a form names; empty for anything else. */
  public static Optional<ModerationAction> parse(String value) {
    return LowerCaseName.parse(ModerationAction.class, value);
  }
}
