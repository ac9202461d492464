package org.roomchat.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Groups that live in this process only: the default when no Redis server is configured, and each
 * node's own members when one is. Typed as itself so that the adapter wiring alone decides
 * which registry is the {@link GroupRegistry}.
 */
@ApplicationScoped
@Typed(InProcessGroupRegistry.class)
public class InProcessGroupRegistry implements GroupRegistry {

  private final ConcurrentHashMap<String, Set<GroupMember>> groups = new ConcurrentHashMap<>();

  @Override
  public void add(String group, GroupMember member) {
    groups.compute(
        group,
        (name, members) -> {
          Set<GroupMember> set = members != null ? members : ConcurrentHashMap.newKeySet();
          set.add(member);
          return set;
        });
  }

  @Override
  public void discard(String group, GroupMember member) {
    groups.computeIfPresent(
        group,
        (name, members) -> {
          members.remove(member);
          return members.isEmpty() ? null : members;
        });
  }

  @Override
  public void send(String group, RoomEvent event) {
    Set<GroupMember> members = groups.get(group);
    if (members != null) {
      for (GroupMember member : members) {
        member.deliver(event);
      }
    }
  }

  /** How many members the group has in this process. */
  public int size(String group) {
    Set<GroupMember> members = groups.get(group);
    return members == null ? 0 : members.size();
  }
}
