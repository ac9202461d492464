package org.roomchat.room;

/**
 * A user became a member of a room ({@code member}) or stopped being one, fired as a CDI event once
 * the change is written: observers with {@code during = AFTER_SUCCESS} hear of it once committed.
 */
public record MembershipChange(long roomId, long userId, boolean member) {}
