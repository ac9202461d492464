package org.roomchat.room;

/** Who is connected to which room through which node, kept where the admin pages read it. */
public interface OnlineUsers {

  void online(long userId, long roomId, String node);

  void offline(long userId, long roomId, String node);

  /** Forgets every user of the node (a node that stops, or starts after a crash); answers how many. */
  int clearNode(String node);
}
