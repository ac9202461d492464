package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The "new room" form of the room list, as it was filled in when the room could not be made. */
@Named
@RequestScoped
public class NewRoomForm {

  /** Why no room was made; each names its page text. */
  enum Problem {
    INVALID_NAME("rooms.new.invalidName"),
    INVALID_VISIBILITY("rooms.new.invalidVisibility"),
    TAKEN("rooms.new.taken");

    private final String key;

    Problem(String key) {
      this.key = key;
    }
  }

  private String name = "";
  private boolean privateRoom;
  private Problem problem;

  /** Keeps what was typed, to show it back. */
  void filledIn(String name, boolean privateRoom) {
    this.name = name;
    this.privateRoom = privateRoom;
  }

  void refused(Problem problem) {
    this.problem = problem;
  }

  public String getName() {
    return name;
  }

  public boolean isPrivateRoom() {
    return privateRoom;
  }

  /** The page text saying why no room was made, or null. */
  public String getProblem() {
    return problem == null ? null : problem.key;
  }
}
