package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomchat.chat.RoomAccess;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.RoomDirectory;
import org.roomchat.room.RoomQuery;

/**
 * The admin dashboard's numbers, as a Django admin would show them: the rooms with their message
 * counts and active users, a page at a time as on the room list, and the live metrics (open
 * connections, average connection duration, total rooms, total messages). Connection metrics are
 * this node's.
 */
@Named
@RequestScoped
public class AdminDashboard {

  @Inject RoomAccess access;
  @Inject RoomDirectory directory;
  @Inject ChatMetrics metrics;
  @Inject PageTexts texts;
  @Inject ModerationLog moderationLog;

  /** How many of the moderation log's newest entries the dashboard shows. */
  static final int LOG_LENGTH = 100;

  private RoomListParameters parameters;
  private RoomDirectory.Listing listing;
  private List<RoomRow> rooms;
  private List<ManagedRoom> managedRooms;
  private Long totalRooms;
  private Long totalMessages;
  private Duration averageConnectionDuration;

  /** One room as the dashboard shows it. */
  public record RoomRow(
      String name,
      String createdAt,
      String createdAtText,
      String updatedAt,
      String updatedAtText,
      long messageCount,
      int activeUsers,
      boolean privateRoom) {}

  /** One room as the dashboard's room management shows it: who owns it and how many are in. */
  public record ManagedRoom(
      String name, String deletePath, boolean privateRoom, String owner, long members) {}

  /** Shows the page of rooms these parameters ask for; without it, the first page. */
  void show(RoomListParameters parameters) {
    this.parameters = parameters;
  }

  private RoomDirectory.Listing listing() {
    if (listing == null) {
      listing =
          access.listForAdmins(parameters == null ? RoomQuery.FIRST_PAGE : parameters.query());
    }
    return listing;
  }

  /** The link to the page of rooms with newer activity, or null on the first page. */
  public String getNewerRoomsUrl() {
    return parameters == null ? null : listing().newer().map(parameters::newerThan).orElse(null);
  }

  /** The link to the page of rooms with older activity, or null on the last page. */
  public String getOlderRoomsUrl() {
    return parameters == null ? null : listing().older().map(parameters::olderThan).orElse(null);
  }

  /** This page's parameters, for the script that re-reads the same page's numbers. */
  public String getPageQuery() {
    return parameters == null ? "" : parameters.queryString();
  }

  public List<RoomRow> getRooms() {
    if (rooms == null) {
      rooms =
          listing().rooms().stream()
              .map(
                  r ->
                      new RoomRow(
                          r.name(),
                          DisplayTimes.iso(r.createdAt()),
                          DisplayTimes.dateTime(r.createdAt()),
                          DisplayTimes.iso(r.updatedAt()),
                          DisplayTimes.dateTime(r.updatedAt()),
                          r.messageCount(),
                          r.onlineCount(),
                          r.isPrivate()))
              .toList();
    }
    return rooms;
  }

  /** The same page of rooms, with their visibility, owner and member count, to manage them. */
  public List<ManagedRoom> getManagedRooms() {
    if (managedRooms == null) {
      List<RoomDirectory.RoomSummary> page = listing().rooms();
      Map<Long, RoomDirectory.Headcount> counts =
          directory.headcounts(page.stream().map(RoomDirectory.RoomSummary::id).toList());
      managedRooms =
          page.stream()
              .map(
                  r -> {
                    RoomDirectory.Headcount count =
                        counts.getOrDefault(
                            r.id(), new RoomDirectory.Headcount(Optional.empty(), 0));
                    return new ManagedRoom(
                        r.name(),
                        AdminController.deletePath(r.name()),
                        r.isPrivate(),
                        count.owner().orElse(""),
                        count.members());
                  })
              .toList();
    }
    return managedRooms;
  }

  /** The newest moderation log entries of every room. */
  public List<MembersPage.LogRow> getModerationLog() {
    return moderationLog.newestEverywhere(LOG_LENGTH).stream().map(MembersPage.LogRow::of).toList();
  }

  public long getOpenConnections() {
    return metrics.openConnections();
  }

  private Duration averageConnectionDuration() {
    if (averageConnectionDuration == null) {
      averageConnectionDuration = metrics.averageConnectionDuration();
    }
    return averageConnectionDuration;
  }

  public double getAverageConnectionSeconds() {
    return DisplayTimes.seconds(averageConnectionDuration());
  }

  public String getAverageConnectionDurationText() {
    return texts.duration(averageConnectionDuration());
  }

  public long getTotalRooms() {
    if (totalRooms == null) {
      totalRooms = directory.roomCount();
    }
    return totalRooms;
  }

  public long getTotalMessages() {
    if (totalMessages == null) {
      totalMessages = directory.messageCount();
    }
    return totalMessages;
  }

  /**
   * The same numbers for the page's refresh script, named as the Django Channels metrics view names them.
   */
  public JsonObject toJson() {
    JsonArrayBuilder roomArray = Json.createArrayBuilder();
    for (RoomRow room : getRooms()) {
      roomArray.add(
          Json.createObjectBuilder()
              .add("name", room.name())
              .add("created_at", room.createdAt())
              .add("updated_at", room.updatedAt())
              .add("message_count", room.messageCount())
              .add("active_users", room.activeUsers())
              .add("private", room.privateRoom()));
    }
    return Json.createObjectBuilder()
        .add("websocket_connections", getOpenConnections())
        .add("avg_connection_duration", getAverageConnectionSeconds())
        .add("total_rooms", getTotalRooms())
        .add("total_messages", getTotalMessages())
        .add("rooms", roomArray)
        .build();
  }
}
