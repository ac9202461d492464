package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import org.roomchat.chat.MemberAction;
import org.roomchat.chat.RoomMembership;
import org.roomchat.room.Member;

/**
 * The members page's data: the room's members with their roles, and which of the forms (add,
 * remove or leave, promote, demote) the viewer may use on each; after a refused change, why.
 */
@Named
@RequestScoped
public class MembersPage {

  private RoomMembership.MembersView view;
  private String refusal;
  private String refusedName;

  /** One member as the page shows it, with the forms the viewer may use on it. */
  public record Row(
      String username,
      String messagePath,
      String role,
      String roleKey,
      boolean self,
      boolean removable,
      boolean promotable,
      boolean demotable) {}

  void show(RoomMembership.MembersView view) {
    this.view = view;
  }

  /** Why the change asked for was not made, and the name it was asked for. */
  void refused(RoomMembership.Outcome outcome, String username) {
    this.refusal = "members.refused." + outcome.name().toLowerCase(Locale.ROOT);
    this.refusedName = username;
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
    return view.members().stream().map(this::row).toList();
  }

  private Row row(Member member) {
    return new Row(
        member.username(),
        DmPath.page("", member.username()),
        member.role().value(),
        "members.role." + member.role().value(),
        member.username().equals(view.viewer().username()),
        view.may(MemberAction.REMOVE, member),
        view.may(MemberAction.PROMOTE, member),
        view.may(MemberAction.DEMOTE, member));
  }

  /** The page text saying why the last change was refused, or null. */
  public String getRefusal() {
    return refusal;
  }

  public String getRefusedName() {
    return refusedName;
  }
}
