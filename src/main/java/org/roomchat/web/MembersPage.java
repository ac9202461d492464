package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.roomchat.chat.MemberAction;
import org.roomchat.chat.RoomMembership;
import org.roomchat.room.Member;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.Restriction;
import org.roomchat.room.RestrictionKind;

/**
 * The members page's data: the room's members with their roles, and which of the forms (add, remove
 * or leave, promote, demote) the viewer may use on each; after a refused change, why. For those who
 * moderate the room: the moderation form, who is muted or banned and until when, and the newest
 * entries of the room's moderation log.
 */
@Named
@RequestScoped
public class MembersPage {

  private RoomMembership.MembersView view;
  private String refusal;
  private String refusedName;
  private List<Restriction> restrictions = List.of();
  private List<ModerationLog.Entry> log = List.of();

  /** The lengths the moderation form offers, in minutes; 0 stands for "until lifted". */
  private static final List<Integer> DURATIONS = List.of(10, 60, 1440, 10080, 0);

  /** One member as the page shows it, with the forms the viewer may use on it. */
  public record Row(
      String username,
      String messagePath,
      String role,
      String roleKey,
      boolean self,
      boolean removable,
      boolean promotable,
      boolean demotable,
      boolean muted) {}

  /** A mute or ban as the page shows it, with the action that lifts it. */
  public record RestrictionRow(
      String username,
      String kind,
      String kindKey,
      String lift,
      String liftKey,
      String until,
      String untilText) {}

  /** A moderation log entry as the page shows it. */
  public record LogRow(
      String room,
      String actor,
      String target,
      String action,
      String actionKey,
      String minutes,
      String at,
      String atText) {

    /** The entry as a page shows it. */
    static LogRow of(ModerationLog.Entry entry) {
      return new LogRow(
          entry.room(),
          entry.actor(),
          entry.target(),
          entry.action().value(),
          "moderation.log." + entry.action().value(),
          entry.minutes().map(String::valueOf).orElse(""),
          DisplayTimes.iso(entry.at()),
          DisplayTimes.dateTime(entry.at()));
    }
  }

  /** A length the moderation form offers: minutes (blank: until lifted) and its page text. */
  public record Duration(String minutes, String key) {}

  void show(RoomMembership.MembersView view) {
    this.view = view;
  }

  /** Why the change asked for was not made (a page text), and the name it was asked for. */
  void refused(String reasonKey, String username) {
    this.refusal = reasonKey;
    this.refusedName = username;
  }

  /** The room's mutes and bans that hold now, and its newest log entries, for a moderator. */
  void moderation(List<Restriction> restrictions, List<ModerationLog.Entry> log) {
    this.restrictions = restrictions;
    this.log = log;
  }

  /** Whether the viewer may mute and ban here: the form, the list and the log are shown. */
  public boolean isModerator() {
    return view.mayModerate();
  }

  public List<RestrictionRow> getRestrictions() {
    return restrictions.stream().map(MembersPage::restrictionRow).toList();
  }

  private static RestrictionRow restrictionRow(Restriction restriction) {
    String kind = restriction.kind().value();
    String lift = restriction.kind() == RestrictionKind.MUTE ? "unmute" : "unban";
    OffsetDateTime until = restriction.until().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null);
    return new RestrictionRow(
        restriction.username(),
        kind,
        "moderation.kind." + kind,
        lift,
        "moderation." + lift,
        DisplayTimes.iso(until),
        DisplayTimes.dateTime(until));
  }

  public List<LogRow> getLog() {
    return log.stream().map(LogRow::of).toList();
  }

  public List<Duration> getDurations() {
    return DURATIONS.stream()
        .map(
            minutes ->
                new Duration(
                    minutes == 0 ? "" : minutes.toString(), "moderation.duration." + minutes))
        .toList();
  }

  private Set<String> mutedNames() {
    return restrictions.stream()
        .filter(r -> r.kind() == RestrictionKind.MUTE)
        .map(Restriction::username)
        .collect(Collectors.toSet());
  }

  public String getRoomName() {
    return view.room().name().value();
  }

  public boolean isPrivateRoom() {
    return view.room().isPrivate();
  }

  /** Whether the viewer is a member (and so may leave, and read the room). */
  public boolean isMember() {
    return view.viewerRole().isPresent();
  }

  public boolean isAddAllowed() {
    return view.mayAsk(MemberAction.ADD);
  }

  public List<Row> getMembers() {
    Set<String> muted = mutedNames();
    return view.members().stream().map(member -> row(member, muted)).toList();
  }

  private Row row(Member member, Set<String> muted) {
    return new Row(
        member.username(),
        DmPath.page("", member.username()),
        member.role().value(),
        "members.role." + member.role().value(),
        member.username().equals(view.viewer().username()),
        view.may(MemberAction.REMOVE, member),
        view.may(MemberAction.PROMOTE, member),
        view.may(MemberAction.DEMOTE, member),
        muted.contains(member.username()));
  }

  /** The page text saying why the last change was refused, or null. */
  public String getRefusal() {
    return refusal;
  }

  public String getRefusedName() {
    return refusedName;
  }
}
